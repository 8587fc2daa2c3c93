/** A counter's pause reason in the viewer's language: a preset by its id, free text as typed. */
import type { CounterState } from '@qms/shared';
import type { TFunction } from 'i18next';

export function pauseText(t: TFunction, c: Pick<CounterState, 'pauseReason' | 'pauseReasonId'>): string {
  return c.pauseReasonId ? t(`pause.reasons.${c.pauseReasonId}`) : (c.pauseReason ?? '');
}
