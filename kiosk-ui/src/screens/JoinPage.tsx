import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmStep } from '../components/join/ConfirmStep';
import { HereView } from '../components/join/HereView';
import { JoinHeader } from '../components/join/JoinHeader';
import { JOIN_TITLE_ID } from '../components/join/JoinTop';
import { ServiceChoice } from '../components/join/ServiceChoice';
import { joinRefusalKey, type JoinRoute } from '../join';
import { useKiosk } from '../store';

/** Joining the queue from a phone (/join/, issue 14, V1) and the hall poster's check-in (/join/here, V2). */
export function JoinPage({ route }: { route: JoinRoute }) {
  const { t } = useTranslation();
  const load = useKiosk((s) => s.joinLoad);
  const step = useKiosk((s) => s.joinStep);

  // A new step starts at its top, its heading focused so that a screen reader says where it is.
  const last = useRef<string | null>(null);
  useEffect(() => {
    const now = load.state === 'ready' ? step : null;
    if (now && last.current && now !== last.current) {
      window.scrollTo(0, 0);
      document.getElementById(JOIN_TITLE_ID)?.focus({ preventScroll: true });
    }
    last.current = now;
  }, [step, load.state]);

  return (
    <div className="phone book join">
      <JoinHeader />
      <main className="book-main">
        {load.state === 'loading' && <p role="status">{t('bookLoading')}</p>}
        {load.state === 'failed' && (
          <section className="book-step">
            <h1 className="book-title">{t(route.kind === 'here' ? 'joinHereTitle' : 'joinTitle')}</h1>
            <p className="phone-problem" role="alert">
              {t(joinRefusalKey(load.code, null))}
            </p>
            <button type="button" className="phone-quiet" onClick={() => window.location.reload()}>
              {t('tryAgain')}
            </button>
          </section>
        )}
        {load.state === 'ready' && (route.kind === 'here' ? <HereView /> : step === 'service' ? <ServiceChoice /> : <ConfirmStep />)}
      </main>
    </div>
  );
}
