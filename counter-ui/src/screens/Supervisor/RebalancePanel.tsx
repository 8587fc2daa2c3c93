/** The rebalancer: its mode (off, suggest, auto), its open proposals, and today's audit log. */
import { BALANCE_MODES, type BalanceMode, type BalanceProposal } from '@qms/shared';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../components/hooks';
import { useStore } from '../../store';
import { AuditLog } from './AuditLog';
import { balanceErrorText } from './balanceText';
import { ProposalCard } from './ProposalCard';

const NO_PROPOSALS: BalanceProposal[] = [];

export function RebalancePanel() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const mode = useStore((s) => s.hall?.balance.mode ?? 'off');
  const proposals = useStore((s) => s.hall?.balance.proposals ?? NO_PROPOSALS);
  // Errors about the mode, or about a proposal whose card has gone meanwhile.
  const error = useStore((s) => {
    const e = s.balanceError;
    return e && (e.proposalId === null || !proposals.some((p) => p.id === e.proposalId)) ? e.error : null;
  });
  const clearError = useStore((s) => s.clearBalanceError);
  return (
    <section className="panel rebalance" aria-labelledby="bal-title" data-testid="rebalance" data-mode={mode}>
      <header className="panel-head rebalance-head">
        <h2 id="bal-title">{t('bal.title')}</h2>
        <ModeSwitch mode={mode} />
        <p className="rebalance-explain" data-testid="balance-explain">
          {t(`bal.explain.${mode}`)}
        </p>
      </header>
      {error && (
        <p className="rebalance-error" role="alert" data-testid="balance-error">
          <span>{balanceErrorText(t, lang, error)}</span>
          <button type="button" className="btn btn-quiet btn-touch" aria-label={t('common.close')} onClick={clearError}>
            ×
          </button>
        </p>
      )}
      {(mode === 'suggest' || proposals.length > 0) && (
        <div className="proposals" aria-label={t('bal.proposals')} data-testid="proposals">
          {proposals.length === 0 ? <p className="muted proposals-none">{t('bal.none')}</p> : proposals.map((p) => <ProposalCard key={p.id} proposal={p} />)}
        </div>
      )}
      <AuditLog />
    </section>
  );
}

function ModeSwitch({ mode }: { mode: BalanceMode }) {
  const { t } = useTranslation();
  const busy = useStore((s) => s.balanceBusy !== null);
  const setMode = useStore((s) => s.setBalanceMode);
  return (
    <div className="segmented" role="group" aria-label={t('bal.mode')} data-testid="balance-mode">
      {BALANCE_MODES.map((m) => (
        <button
          key={m}
          type="button"
          className={`segment${m === mode ? ' segment-on' : ''}`}
          aria-pressed={m === mode}
          disabled={busy}
          data-mode={m}
          onClick={() => {
            if (m !== mode) void setMode(m);
          }}
        >
          {t(`bal.modes.${m}`)}
        </button>
      ))}
    </div>
  );
}
