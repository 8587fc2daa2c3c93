/**
 * The rating terminal's logic, outside React (issue 14). It asks the server every few seconds
 * which visit its counter just finished; a visitor taps a face for the overall score, may add the
 * other criteria, and the rating is sent (by itself if they walk away); thanks, and back to idle.
 * The screen opens in the visitor's language (the ticket's), back to the center's when idle.
 */
import { ErrorCode, type Language, type RatingCriterion } from '@qms/shared';
import { pairDevice } from '@qms/shared/client';
import { isLanguage } from './i18n';
import { BASE } from './links';
import { fetchTerminal, rateAtTerminal } from './rating-api';
import type { KioskStore } from './store';

export const RATING_TOKEN_KEY = 'qms.rating.token';
/** How often the terminal asks for its counter's last visit: a visitor turns to it within seconds. */
export const POLL_MS = 3_000;
/** Optional criteria wait this long after the last tap, then the rating goes as it is. */
export const AUTO_SEND_MS = 15_000;
/** The thanks (or a refusal) stays this long, then the terminal waits for the next visitor. */
export const BACK_TO_IDLE_MS = 20_000;

export type TerminalPairResult = 'ok' | 'badCode' | 'wrongKind' | 'offline';

export interface RatingTerminal {
  pair(code: string): Promise<TerminalPairResult>;
  choose(criterion: RatingCriterion, score: number): void;
  send(): Promise<void>;
  stop(): void;
}

/** The terminal's address: /kiosk/rate/ (the kiosk build, as the phone page). */
export function isRatingTerminalRoute(pathname: string): boolean {
  return /^rate\/?$/.test(pathname.startsWith(BASE) ? pathname.slice(BASE.length) : '');
}

export function startRatingTerminal(store: KioskStore, token: string | null): RatingTerminal {
  const s = () => store.getState();
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let phaseTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const centerLanguage = (): Language | null => {
    const lang = s().termState?.center.defaultLanguage;
    return isLanguage(lang) ? lang : null;
  };
  const speak = (lang: string | null | undefined) => {
    const offered = s().termState?.center.languages ?? [];
    const chosen = lang && offered.includes(lang) ? lang : centerLanguage();
    if (isLanguage(chosen)) s().setLang(chosen);
  };

  const idle = () => {
    clearTimeout(phaseTimer);
    s().patchTerminal({ termPhase: 'idle', termVisitId: null, termScores: {}, termAutoSendAt: null, termProblem: null });
    speak(null);
    void poll();
  };

  async function poll(): Promise<void> {
    clearTimeout(pollTimer);
    const current = s().termToken;
    if (stopped || !current) return;
    const res = await fetchTerminal(current);
    if (stopped || s().termToken !== current) return;
    pollTimer = setTimeout(() => void poll(), POLL_MS);
    if (!res.ok) {
      if (res.error.code === ErrorCode.Unauthorized) return forget('revoked');
      if (res.error.code === ErrorCode.Forbidden) return forget('notTerminal');
      return s().patchTerminal({ termOffline: true });
    }
    const visit = res.data.visit;
    const phase = s().termPhase;
    s().patchTerminal({ termState: res.data, termOffline: false, termPairing: null });
    if (phase === 'pair') return idle();
    // A visitor mid-rating keeps their screen; otherwise the screen follows the counter.
    if (phase !== 'idle' && phase !== 'ask') return;
    if (visit && visit.ticketId !== s().termVisitId) {
      s().patchTerminal({ termPhase: 'ask', termVisitId: visit.ticketId, termScores: {}, termProblem: null });
      speak(visit.language);
    } else if (!visit && phase === 'ask') idle();
  }

  function forget(reason: 'revoked' | 'notTerminal') {
    clearTimeout(pollTimer);
    clearTimeout(phaseTimer);
    localStorage.removeItem(RATING_TOKEN_KEY);
    s().patchTerminal({ termToken: null, termPairing: reason, termPhase: 'pair', termVisitId: null, termScores: {} });
  }

  const send = async () => {
    const { termToken, termVisitId, termScores, lang, termPhase } = s();
    if (!termToken || !termVisitId || !termScores.overall || termPhase === 'sending') return;
    clearTimeout(phaseTimer);
    s().patchTerminal({ termPhase: 'sending', termAutoSendAt: null });
    const res = await rateAtTerminal(termToken, { ticketId: termVisitId, scores: { ...termScores, overall: termScores.overall }, complaint: false, language: lang });
    if (stopped) return;
    // Rated already (from the phone, a moment ago): it counts all the same.
    if (res.ok || res.error.code === ErrorCode.AlreadyRated) s().patchTerminal({ termPhase: 'thanks', termProblem: null });
    else s().patchTerminal({ termPhase: 'failed', termProblem: res.error.code === ErrorCode.Unavailable || res.error.code === ErrorCode.RateLimited ? 'sendFailed' : 'tooLate' });
    phaseTimer = setTimeout(idle, BACK_TO_IDLE_MS);
  };

  s().patchTerminal(token ? { termToken: token, termPairing: null, termPhase: 'pair' } : { termToken: null, termPairing: 'missing', termPhase: 'pair' });
  void poll();

  return {
    async pair(code) {
      const res = await pairDevice(RATING_TOKEN_KEY, code, 'rating');
      if (!res.ok) {
        if (res.error.code === ErrorCode.Unavailable || res.error.code === ErrorCode.RateLimited) return 'offline';
        return res.error.code === ErrorCode.Conflict ? 'wrongKind' : 'badCode';
      }
      s().patchTerminal({ termToken: res.data.token, termPairing: null });
      void poll();
      return 'ok';
    },
    choose(criterion, score) {
      const { termPhase, termScores } = s();
      if (termPhase !== 'ask' && termPhase !== 'more') return;
      clearTimeout(phaseTimer);
      s().patchTerminal({ termScores: { ...termScores, [criterion]: score }, termPhase: 'more', termAutoSendAt: Date.now() + AUTO_SEND_MS });
      phaseTimer = setTimeout(() => void send(), AUTO_SEND_MS);
    },
    send,
    stop() {
      stopped = true;
      clearTimeout(pollTimer);
      clearTimeout(phaseTimer);
    },
  };
}
