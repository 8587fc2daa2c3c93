import { formatCode } from '@qms/shared';
import { formatTime } from '@qms/shared/client';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketStatusView } from '../api';

/**
 * A ticket taken from outside, on its phone page (issue 14, V2–V5): until its visitor checks in,
 * the code (and its QR code, for the kiosk's 2D scanner) and the two ways to check in; when its
 * turn came meanwhile, a red banner with the deadline; once in, a plain "checked in"; its place
 * lost for not coming in time, what to do now. Nothing for a ticket taken in the hall.
 */
export function RemotePanel({ view }: { view: TicketStatusView }) {
  const { t } = useTranslation();
  const remote = view.remote;
  if (!remote) return null;
  if (view.status === 'no_show' && !remote.arrived) {
    return (
      <section className="remote-panel lost" aria-live="polite" data-testid="remote-lost">
        <p className="status-big">{t('remoteLost')}</p>
        <p>{t('remoteLostHint')}</p>
      </section>
    );
  }
  if (view.status !== 'waiting') return null;
  if (remote.arrived) {
    return (
      <p className="remote-arrived" data-testid="remote-arrived">
        {t('remoteArrived')}
      </p>
    );
  }
  return (
    <>
      {remote.graceUntil !== null && <HeldBanner until={remote.graceUntil} timeZone={view.center.timezone} />}
      <NotHere code={remote.code} />
    </>
  );
}

function HeldBanner({ until, timeZone }: { until: number; timeZone: string }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="remote-held" role="alert" data-testid="remote-held">
      <p>{t('remoteHeld', { time: formatTime(until, i18n.language, timeZone) })}</p>
    </section>
  );
}

function NotHere({ code }: { code: string }) {
  const { t } = useTranslation();
  const qr = useQr(code);
  const shown = formatCode(code);
  return (
    <section className="remote-panel" aria-labelledby="remote-title" data-testid="remote-not-here">
      <h2 id="remote-title">{t('remoteNotHere')}</h2>
      <p>{t('remoteNotHereHint')}</p>
      <div className="book-code-card">
        <p className="book-code-label">{t('remoteCode')}</p>
        <p className="book-code" data-testid="remote-code" translate="no">
          {shown}
        </p>
        {qr && <img className="book-qr" src={qr} alt={t('remoteQrAlt', { code: shown })} width={200} height={200} data-testid="remote-qr" />}
      </div>
      <ul className="remote-ways">
        <li>{t('remoteWayKiosk')}</li>
        <li>{t('remoteWayPoster')}</li>
      </ul>
    </section>
  );
}

/** The bare code as a QR code (what the kiosk's scanner types, as for a booking's), drawn once per code. */
function useQr(code: string): string | null {
  const [qr, setQr] = useState<{ code: string; url: string } | null>(null);
  useEffect(() => {
    let current = true;
    QRCode.toDataURL(code, { errorCorrectionLevel: 'M', margin: 2, width: 320 })
      .then((url) => current && setQr({ code, url }))
      .catch(() => {});
    return () => void (current = false);
  }, [code]);
  return qr?.code === code ? qr.url : null;
}
