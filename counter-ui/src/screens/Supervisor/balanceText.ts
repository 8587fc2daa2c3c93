/** Wording shared by the rebalancing panel, its proposal cards and the audit log. */
import type { AppErrorBody } from '@qms/shared';
import type { useTranslation } from 'react-i18next';
import { errorTitle } from '../../components/Banners';

type T = ReturnType<typeof useTranslation>['t'];

/** A 404 on a proposal means the hall moved on: say that plainly, not "not found". */
export function balanceErrorText(t: T, error: AppErrorBody): string {
  return error.code === 'NOT_FOUND' ? t('bal.gone') : `${errorTitle(t, error)}: ${error.message}`;
}

/** "system:balancer" → the Rebalancer; "staff:anna" → anna. */
export function actorLabel(t: T, actor: string | null): string {
  if (!actor) return '—';
  if (actor === 'system:balancer') return t('bal.log.rebalancer');
  return actor.replace(/^(staff|device):/, '');
}
