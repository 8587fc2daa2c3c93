import { useTranslation } from 'react-i18next';
import type { PushToggle as Actions } from '../push';
import { useKiosk } from '../store';

/**
 * "Notify me even when this page is closed" (Web Push). Shown only where the browser can do it;
 * says plainly whether it is on, and when the browser blocks notifications, how to allow them.
 */
export function PushToggle({ actions }: { actions: Actions }) {
  const { t } = useTranslation();
  const state = useKiosk((s) => s.pushState);
  if (state === 'unsupported') return null;
  const on = state === 'on';
  const note = {
    off: 'pushOff',
    working: 'pushWorking',
    on: 'pushOn',
    blocked: 'pushBlocked',
    dismissed: 'pushDismissed',
    failed: 'pushFailed',
  } as const;
  return (
    <section className={`phone-push ${state}`} aria-label={t('pushTitle')} data-testid="push-toggle">
      <p role="status">{t(note[state])}</p>
      {state === 'blocked' && <p className="phone-push-how">{t('pushUnblock')}</p>}
      {state !== 'blocked' && (
        <button
          type="button"
          className={on ? 'phone-quiet' : 'phone-primary'}
          disabled={state === 'working'}
          onClick={() => void (on ? actions.turnOff() : actions.turnOn())}
        >
          {t(on ? 'pushTurnOff' : 'pushTurnOn')}
        </button>
      )}
    </section>
  );
}
