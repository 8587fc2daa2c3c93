import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../store';

/**
 * "Cancel this booking", then a question: a tap by mistake costs nothing. The day and time are
 * just above it (a date inside the sentence would need its grammatical case in Russian).
 */
export function CancelBooking() {
  const { t } = useTranslation();
  const cancel = useKiosk((s) => s.cancelBooking);
  const [step, setStep] = useState<'ask' | 'confirm' | 'busy'>('ask');

  const yes = async () => {
    setStep('busy');
    // Cancelled, the page shows the booking so and this is gone; refused, the reason shows above.
    if (!(await cancel())) setStep('ask');
  };

  if (step === 'ask') {
    return (
      <button type="button" className="phone-quiet book-cancel" onClick={() => setStep('confirm')}>
        {t('bookCancelAsk')}
      </button>
    );
  }
  return (
    <section className="phone-withdraw confirm" role="group" aria-labelledby="book-cancel-question">
      <p id="book-cancel-question" className="phone-question">
        {t('bookCancelConfirm')}
      </p>
      <button type="button" className="phone-danger" disabled={step === 'busy'} onClick={() => void yes()}>
        {t(step === 'busy' ? 'bookCancelling' : 'bookCancelYes')}
      </button>
      <button type="button" className="phone-quiet" disabled={step === 'busy'} onClick={() => setStep('ask')}>
        {t('bookCancelNo')}
      </button>
    </section>
  );
}
