/** Figures in the viewer's language: counts, minutes and shares; "—" where there is nothing to measure. */
import { formatNumber, formatPercent } from '@qms/shared/client';
import type { TFunction } from 'i18next';
import type { Kind } from './tables';

export interface Fmt {
  count(v: number): string;
  /** "6,5 мин" */
  min(v: number | null): string;
  /** A bare number of minutes, for table cells under a heading that names the unit. */
  num(v: number | null): string;
  pct(v: number | null): string;
  cell(kind: Kind, v: number | null): string;
}

export const NONE = '—';

export function formatter(lang: string, t: TFunction): Fmt {
  const num = (v: number | null) => (v === null ? NONE : formatNumber(v, lang));
  // Minutes in a column keep their tenth ("5.0" above "12.4"), so the figures line up.
  const fixed = (v: number | null) => (v === null ? NONE : formatNumber(v, lang, 1, true));
  const pct = (v: number | null) => (v === null ? NONE : formatPercent(v, lang));
  return {
    count: (v) => formatNumber(v, lang, 0),
    min: (v) => (v === null ? NONE : t('common.min', { n: formatNumber(v, lang) })),
    num,
    pct,
    cell: (kind, v) => (kind === 'pct' ? pct(v) : kind === 'count' ? (v === null ? NONE : formatNumber(v, lang, 0)) : fixed(v)),
  };
}
