import { centerNameIn, type Language } from '@qms/shared';
import { formatDate, formatTime } from '@qms/shared/client';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES } from './i18n.js';
import { ServiceList } from './ServiceList.js';
import { boardStore, useBoard, type BoardProblem } from './store.js';
import { Summary } from './Summary.js';
import { useBoardLanguage } from './useBoardLanguage.js';
import { openingDay } from './view.js';

type T = ReturnType<typeof useTranslation>['t'];

function problemText(t: T, problem: BoardProblem, center: string | null, since: string | null): string {
  switch (problem) {
    case 'unreachable':
      return since ? t('stale', { time: since }) : t('unreachable');
    case 'rate-limited':
      return t('rateLimited');
    case 'unknown-center':
      return t('unknownCenter', { center: center ?? '' });
    case 'no-center':
      return t('noCenter');
  }
}

export function BoardApp() {
  const lang = useBoardLanguage();
  const { t } = useTranslation(undefined, { lng: lang });
  const loaded = useBoard((s) => s.board !== null);
  const problem = useBoard((s) => s.problem);
  const asked = useBoard((s) => s.options.center);
  const since = useBoard((s) => (s.receivedAt !== null && s.board ? formatTime(s.receivedAt, lang, s.board.center.timezone) : null));
  const notice = problem ? problemText(t, problem, asked, since) : null;

  if (!loaded) {
    return (
      <main className="board board-loading">
        <p role={notice ? 'alert' : 'status'}>{notice ?? t('loading')}</p>
      </main>
    );
  }
  return (
    <div className="board">
      <BoardHeader lang={lang} />
      <main className="board-main">
        {notice && (
          <p className="board-notice" role="alert">
            {notice}
          </p>
        )}
        <Summary lang={lang} />
        <JoinLink lang={lang} />
        <ServiceList lang={lang} />
      </main>
      <BoardFooter lang={lang} />
    </div>
  );
}

function BoardHeader({ lang }: { lang: Language }) {
  const { t } = useTranslation(undefined, { lng: lang });
  const center = useBoard((s) => s.board!.center);
  const now = useBoard((s) => s.board!.generatedAt);
  const zone = center.timezone;
  let status: string;
  if (center.openNow) status = center.closesAt === null ? t('openNow') : t('openUntil', { time: formatTime(center.closesAt, lang, zone) });
  else if (center.opensAt === null) status = t('closedNow');
  else {
    const time = formatTime(center.opensAt, lang, zone);
    const day = openingDay(center.opensAt, now, zone);
    const when = day === 'today' ? t('opensToday', { time }) : day === 'tomorrow' ? t('opensTomorrow', { time }) : t('opensOn', { time, day: formatDate(center.opensAt, lang, zone) });
    status = `${t('closedNow')}. ${when}`;
  }
  return (
    <header className="board-header">
      <div className="board-heading">
        <p className="board-tagline">{t('tagline')}</p>
        <h1>{centerNameIn(center, lang)}</h1>
        <p className={center.openNow ? 'board-status is-open' : 'board-status is-closed'} data-testid="board-status">
          <span className="status-dot" aria-hidden="true" />
          {status}
        </p>
      </div>
      {center.languages.length > 1 && (
        <nav className="board-langs" aria-label={t('language')}>
          {center.languages.map((l) => (
            <button key={l} type="button" lang={l} aria-pressed={l === lang} onClick={() => boardStore.getState().chooseLanguage(l)}>
              {LANGUAGE_NAMES[l]}
            </button>
          ))}
        </nav>
      )}
    </header>
  );
}

/** Seed 000's crowd at the gate: where some service can be joined from a phone, the board says how. */
function JoinLink({ lang }: { lang: Language }) {
  const { t } = useTranslation(undefined, { lng: lang });
  const id = useBoard((s) => s.board!.center.id);
  const joinable = useBoard((s) => s.board!.services.some((x) => x.joinableNow));
  if (!joinable) return null;
  return (
    <p className="board-join">
      <a href={`/join/?center=${encodeURIComponent(id)}&lang=${lang}`} data-testid="board-join">
        {t('joinFromPhone')}
      </a>{' '}
      <span>{t('joinHint')}</span>
    </p>
  );
}

function BoardFooter({ lang }: { lang: Language }) {
  const { t } = useTranslation(undefined, { lng: lang });
  const updated = useBoard((s) => (s.receivedAt === null ? '' : formatTime(s.receivedAt, lang, s.board!.center.timezone)));
  const refreshS = useBoard((s) => Math.round(s.options.refreshMs / 1000));
  const id = useBoard((s) => s.board!.center.id);
  return (
    <footer className="board-footer">
      <p>
        <strong data-testid="board-updated">{t('updated', { time: updated })}</strong> {t('refreshes', { count: refreshS })}
      </p>
      <p>{t('estimate')}</p>
      <p>
        <a href={`/api/board/${encodeURIComponent(id)}`}>{t('openData')}</a>
      </p>
    </footer>
  );
}
