import { centerNameIn, type Response } from '@qms/shared';
import { useTranslation } from 'react-i18next';
import { formatTime, nameIn } from '@qms/shared/client';
import { PhoneAlerts } from '../components/PhoneAlerts';
import { PhoneLangSwitch } from '../components/PhoneLangSwitch';
import { PushToggle } from '../components/PushToggle';
import { RatingPanel } from '../components/RatingPanel';
import type { PushToggle as PushActions } from '../push';
import { RemotePanel } from '../components/RemotePanel';
import { SoundAlerts } from '../components/SoundAlerts';
import { StatusPanel } from '../components/StatusPanel';
import { WithdrawTicket } from '../components/WithdrawTicket';
import { isFinal } from '../status-follow';
import { useKiosk } from '../store';

/** What the page's buttons do; main.tsx wires them to the follower and the alert (outside React). */
export interface StatusActions {
  refresh(): void;
  withdraw(): Promise<Response<unknown>>;
  soundOn(): void;
  soundOff(): void;
  /** Web Push for this ticket (push.ts). */
  push: PushActions;
}

/** The QR code's page, on the visitor's phone: where their ticket stands, live; alerts, and cancelling. */
export function StatusPage({ actions }: { actions: StatusActions }) {
  const { t, i18n } = useTranslation();
  const view = useKiosk((s) => s.ticketView);
  const missing = useKiosk((s) => s.ticketMissing);
  const stale = useKiosk((s) => s.ticketStale);
  const updatedAt = useKiosk((s) => s.ticketUpdatedAt);
  const live = useKiosk((s) => s.ticketLive);
  const languages = useKiosk((s) => s.statusLanguages);
  const lang = useKiosk((s) => s.lang);
  const timeZone = useKiosk((s) => s.statusTimeZone);
  const time = updatedAt ? formatTime(updatedAt, i18n.language, timeZone) : '';

  return (
    <div className="phone">
      <header className="phone-top">
        <p className="center-name">{view ? centerNameIn(view.center, lang) : '\u00a0'}</p>
        <PhoneLangSwitch languages={languages} />
      </header>
      <main className="phone-main">
        <h1 className="phone-title">{t('statusTitle')}</h1>
        {missing && <p className="phone-problem" role="alert">{t('statusNotFound')}</p>}
        <PhoneAlerts />
        {view && (
          <>
            <p className="phone-number" data-testid="status-number">
              {view.number}
            </p>
            {view.service && <p className="phone-service">{nameIn(view.service.names, lang, lang)}</p>}
            {view.lane === 'priority' && <p className="phone-lane">{t('priorityLane')}</p>}
            <RemotePanel view={view} />
            <StatusPanel view={view} />
            <RatingPanel view={view} />
            {!isFinal(view.status) && <SoundAlerts onOn={actions.soundOn} onOff={actions.soundOff} />}
            {!isFinal(view.status) && <PushToggle actions={actions.push} />}
            {view.status === 'waiting' && <WithdrawTicket number={view.number} onWithdraw={actions.withdraw} />}
          </>
        )}
        <div className="phone-foot" role="status">
          {stale ? <p className="phone-stale">{t('statusOffline')}</p> : live ? <p>{t('statusLive')}</p> : time && <p>{t('statusUpdated', { time })}</p>}
        </div>
        {!live && !missing && (
          <button type="button" className="phone-refresh" onClick={actions.refresh}>
            {t('statusRefresh')}
          </button>
        )}
      </main>
    </div>
  );
}
