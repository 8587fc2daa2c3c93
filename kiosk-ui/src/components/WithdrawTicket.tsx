import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Response } from '@qms/shared';

type Step = 'ask' | 'confirm' | 'busy' | 'tooLate' | 'failed';

/**
 * "I no longer need this ticket", with a confirmation: the visitor gives their place up (X1).
 * Only offered while the ticket waits; the server refuses a called one, and says so.
 */
export function WithdrawTicket({ number, onWithdraw }: { number: string; onWithdraw: () => Promise<Response<unknown>> }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('ask');

  const withdraw = async () => {
    setStep('busy');
    const res = await onWithdraw();
    // On success the page shows the ticket cancelled and this is gone.
    if (!res.ok) setStep(res.error.code === 'INVALID_TRANSITION' ? 'tooLate' : 'failed');
  };

  if (step === 'ask' || step === 'tooLate' || step === 'failed') {
    return (
      <section className="phone-withdraw">
        {step !== 'ask' && (
          <p className="phone-problem" role="alert">
            {t(step === 'tooLate' ? 'withdrawTooLate' : 'withdrawFailed')}
          </p>
        )}
        {step !== 'tooLate' && (
          <button type="button" className="phone-quiet" onClick={() => setStep('confirm')}>
            {t('withdrawAsk')}
          </button>
        )}
      </section>
    );
  }
  return (
    <section className="phone-withdraw confirm" role="group" aria-labelledby="withdraw-question">
      <p id="withdraw-question" className="phone-question">
        {t('withdrawConfirm', { number })}
      </p>
      <button type="button" className="phone-danger" disabled={step === 'busy'} onClick={() => void withdraw()}>
        {t(step === 'busy' ? 'withdrawBusy' : 'withdrawYes')}
      </button>
      <button type="button" className="phone-quiet" disabled={step === 'busy'} onClick={() => setStep('ask')}>
        {t('withdrawNo')}
      </button>
    </section>
  );
}
