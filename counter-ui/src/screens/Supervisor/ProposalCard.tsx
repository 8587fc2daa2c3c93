/** One open proposal of the rebalancer: what, why, how urgent, and the supervisor's answer. */
import type { BalanceProposal } from '@qms/shared';
import { useTranslation } from 'react-i18next';
import { useLanguage, useServerNow, useServiceName } from '../../components/hooks';
import { useStore } from '../../store';
import { balanceErrorText, balanceReasonText } from './balanceText';

export function ProposalCard({ proposal: p }: { proposal: BalanceProposal }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const serviceName = useServiceName();
  const number = useStore((s) => s.hall?.counters[p.counterId]?.number ?? p.counterId);
  const busy = useStore((s) => s.balanceBusy);
  const error = useStore((s) => (s.balanceError?.proposalId === p.id ? s.balanceError.error : null));
  const answer = useStore((s) => s.answerProposal);
  const now = useServerNow(15_000);
  const title = p.kind === 'merge' ? t('bal.merge', { counter: number, service: serviceName(p.serviceId) }) : t('bal.release', { counter: number });
  const predicted =
    typeof p.predictedWaitMin === 'number' && Number.isFinite(p.predictedWaitMin)
      ? t('bal.predicted', { n: Math.round(p.predictedWaitMin), target: p.targetMin })
      : t('bal.predictedNone', { target: p.targetMin });
  const titleId = `proposal-${p.id}`;
  return (
    <article className={`proposal proposal-${p.kind}`} aria-labelledby={titleId} data-testid="proposal" data-counter={p.counterId} data-kind={p.kind}>
      <div className="proposal-text">
        <h3 id={titleId} className="proposal-title">
          {title}
        </h3>
        <p className="proposal-reason" data-testid="proposal-reason">
          {balanceReasonText(t, p.why, p.reason, serviceName)}
        </p>
        <p className="proposal-facts small muted">
          {predicted} · {t('bal.age', { n: Math.max(0, Math.floor((now - p.createdAt) / 60_000)) })}
        </p>
        {error && (
          <p className="proposal-error" role="alert" data-testid="proposal-error">
            {balanceErrorText(t, lang, error)}
          </p>
        )}
      </div>
      <div className="proposal-actions">
        <button type="button" className="btn btn-primary btn-touch" disabled={busy !== null} aria-label={`${t('bal.accept')}: ${title}`} data-testid="proposal-accept" onClick={() => void answer(p.id, true)}>
          {t('bal.accept')}
        </button>
        <button type="button" className="btn btn-touch" disabled={busy !== null} aria-label={`${t('bal.reject')}: ${title}`} data-testid="proposal-reject" onClick={() => void answer(p.id, false)}>
          {t('bal.reject')}
        </button>
      </div>
    </article>
  );
}
