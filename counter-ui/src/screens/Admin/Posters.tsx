/**
 * The two posters of joining from a phone (issue 14, docs/SPEC.md V1–V2): the join page's, for
 * the entrance and the center's website, and the hall's arrival code, for inside only (scanning it
 * tells the queue the visitor is here). Each prints on its own A4 sheet, its words in every
 * language the center offers. GET /api/admin/remote/posters gives the addresses.
 */
import { centerNameIn, type AppErrorBody } from '@qms/shared';
import { api } from '@qms/shared/client';
import i18next from 'i18next';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { ServerError } from './parts';
import './posters.css';

interface PosterAddresses {
  publicUrl: string | null;
  joinUrl: string;
  hallUrl: string;
  hallCode: string;
}

type Kind = 'join' | 'hall';

/** Without the center's public address the server gives paths: the codes then point at this computer's address. */
export const absolute = (url: string, origin: string) => (/^https?:\/\//.test(url) ? url : `${origin}${url}`);

export function Posters({ version }: { version: number }) {
  const { t } = useTranslation();
  const token = useStore((s) => s.token);
  const [addresses, setAddresses] = useState<PosterAddresses | null>(null);
  const [qr, setQr] = useState<Record<Kind, string> | null>(null);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [printing, setPrinting] = useState<Kind | null>(null);

  useEffect(() => {
    let current = true;
    void api<PosterAddresses>('/api/admin/remote/posters', { token }).then(async (res) => {
      if (!current) return;
      if (!res.ok) return setError(res.error);
      const origin = window.location.origin;
      const [join, hall] = await Promise.all(
        [res.data.joinUrl, res.data.hallUrl].map((u) => QRCode.toDataURL(absolute(u, origin), { errorCorrectionLevel: 'M', margin: 2, width: 1024 })),
      );
      if (!current) return;
      setError(null);
      setAddresses(res.data);
      setQr({ join: join!, hall: hall! });
    });
    return () => void (current = false);
  }, [token, version]);

  // The sheet is in the document only while printing; the print dialog blocks, afterprint clears it.
  useEffect(() => {
    if (!printing) return;
    const done = () => setPrinting(null);
    window.addEventListener('afterprint', done);
    document.body.classList.add('printing-poster');
    window.print();
    return () => {
      window.removeEventListener('afterprint', done);
      document.body.classList.remove('printing-poster');
    };
  }, [printing]);

  if (error) return <ServerError error={error} />;
  if (!addresses || !qr) return null;
  const origin = window.location.origin;

  return (
    <section className="panel form posters" aria-labelledby="posters-title" data-testid="posters">
      <h2 id="posters-title">{t('remote.posters.title')}</h2>
      <p className="muted">{t('remote.posters.intro')}</p>
      {addresses.publicUrl === null && (
        <p className="poster-warn" role="note" data-testid="posters-no-public-url">
          {t('remote.posters.noPublicUrl', { origin })}
        </p>
      )}
      <div className="poster-cards">
        {(['join', 'hall'] as const).map((kind) => {
          const url = absolute(kind === 'join' ? addresses.joinUrl : addresses.hallUrl, origin);
          return (
            <figure key={kind} className="poster-card" data-testid={`poster-${kind}`}>
              <img src={qr[kind]} alt={t(`remote.posters.${kind}Alt`)} width={180} height={180} />
              <figcaption>
                <strong>{t(`remote.posters.${kind}`)}</strong>
                <a href={url} target="_blank" rel="noreferrer" className="mono poster-url" translate="no">
                  {url}
                </a>
                {kind === 'hall' && (
                  <span className="muted">
                    {t('remote.posters.hallCode')}{' '}
                    <span className="mono" translate="no">
                      {addresses.hallCode}
                    </span>
                  </span>
                )}
                <button type="button" className="btn" onClick={() => setPrinting(kind)} data-testid={`poster-print-${kind}`}>
                  {t('remote.posters.print')}
                </button>
              </figcaption>
            </figure>
          );
        })}
      </div>
      {printing && createPortal(<Sheet kind={printing} qr={qr[printing]} url={absolute(printing === 'join' ? addresses.joinUrl : addresses.hallUrl, origin)} />, document.body)}
    </section>
  );
}

/** The A4 sheet: the QR code as large as the page allows, and the words in each of the center's languages. */
export function Sheet({ kind, qr, url }: { kind: Kind; qr: string; url: string }) {
  const center = useStore((s) => s.hall?.center);
  const languages = center?.languages ?? ['en'];
  return (
    <div className="poster-sheet" data-testid="poster-sheet" data-kind={kind}>
      {center && (
        <p className="poster-center" lang={center.defaultLanguage}>
          {centerNameIn(center, center.defaultLanguage)}
        </p>
      )}
      {languages.map((lang) => {
        const t = i18next.getFixedT(lang);
        return (
          <p key={`title-${lang}`} className="poster-title" lang={lang}>
            {t(`remote.poster.${kind}Title`)}
          </p>
        );
      })}
      <img className="poster-qr" src={qr} alt="" />
      {kind === 'join' && (
        <p className="poster-url" translate="no">
          {url}
        </p>
      )}
      {languages.map((lang) => (
        <p key={`text-${lang}`} className="poster-text" lang={lang}>
          {i18next.getFixedT(lang)(`remote.poster.${kind}Text`)}
        </p>
      ))}
    </div>
  );
}
