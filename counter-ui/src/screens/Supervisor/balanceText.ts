/** Wording shared by the rebalancing panel, its proposal cards and the audit log. */
import type { AppErrorBody, BalanceReason } from '@qms/shared';
import type { TFunction } from 'i18next';
import { errorText } from '../../components/errorText';

type T = TFunction;

/** A 404 on a proposal means the hall moved on: say that plainly, not "not found". */
export function balanceErrorText(t: T, lang: string, error: AppErrorBody): string {
  return error.code === 'NOT_FOUND' ? t('bal.gone') : errorText(t, lang, error);
}

/**
 * Why the rebalancer moved a counter, in the viewer's language (B1, B2), from the move's data;
 * a supervisor's own reason (no `why`) stays as typed.
 */
export function balanceReasonText(t: T, why: BalanceReason | undefined, typed: string, serviceName: (id: string) => string): string {
  if (!why) return typed;
  const services = why.services.map(serviceName).join(', ');
  if (why.id === 'release') return t('bal.why.release', { counter: why.counter, services, n: why.unusedMin });
  return t('bal.why.merge', {
    counter: why.counter,
    services,
    ticket: why.ticket,
    lane: why.priority ? t('bal.why.priorityLane') : '',
    waited: why.waitedMin,
    service: serviceName(why.serviceId),
    expected: why.expectedMin,
    target: why.targetMin,
  });
}

/** "system:balancer" → the Rebalancer; "staff:anna" → anna. */
export function actorLabel(t: T, actor: string | null): string {
  if (!actor) return '—';
  if (actor === 'system:balancer') return t('bal.log.rebalancer');
  return actor.replace(/^(staff|device):/, '');
}
