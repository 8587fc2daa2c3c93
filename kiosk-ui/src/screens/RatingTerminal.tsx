/**
 * The rating terminal at a counter (/kiosk/rate/, issue 14): a tablet facing the visitor. Idle,
 * it asks to be rated after the visit; when the counter finishes one, the ticket's number and five
 * big faces; then the optional criteria, the thanks, and idle again (rating-terminal.ts).
 */
import { centerNameIn, type Language, type RatingCriterion } from '@qms/shared';
import { nameIn } from '@qms/shared/client';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PhoneLangSwitch } from '../components/PhoneLangSwitch';
import { Face } from '../components/rating/Face';
import { ASKED } from '../rating-form';
import type { RatingTerminal as Terminal, TerminalPairResult } from '../rating-terminal';
import { useKiosk } from '../store';

const SCORES = [5, 4, 3, 2, 1] as const;

export function RatingTerminal({ terminal }: { terminal: Terminal }) {
  const { t } = useTranslation();
  const phase = useKiosk((s) => s.termPhase);
  const state = useKiosk((s) => s.termState);
  const offline = useKiosk((s) => s.termOffline);
  const lang = useKiosk((s) => s.lang);

  if (phase === 'pair') return <TerminalPairing terminal={terminal} />;
  return (
    <div className="terminal" data-phase={phase} data-testid="rating-terminal">
      <header className="terminal-top">
        <div>
          <p className="center-name">{state ? centerNameIn(state.center, lang) : '\u00a0'}</p>
          {state && <p className="terminal-counter">{t('termCounter', { counter: state.counter.number })}</p>}
        </div>
        <PhoneLangSwitch languages={(state?.center.languages ?? []) as Language[]} />
      </header>
      <main className="terminal-main">
        {offline && (
          <p className="phone-stale" role="status">
            {t('termOffline')}
          </p>
        )}
        <TerminalBody terminal={terminal} />
      </main>
    </div>
  );
}

function TerminalBody({ terminal }: { terminal: Terminal }) {
  const { t } = useTranslation();
  const phase = useKiosk((s) => s.termPhase);
  const state = useKiosk((s) => s.termState);
  const scores = useKiosk((s) => s.termScores);
  const problem = useKiosk((s) => s.termProblem);
  const lang = useKiosk((s) => s.lang);
  const visit = state?.visit;
  switch (phase) {
    case 'idle':
      return (
        <section className="terminal-idle" aria-live="polite">
          <h1>{t('termIdle')}</h1>
          <p>{t('termIdleHint', { counter: state?.counter.number ?? '' })}</p>
          <div className="terminal-faces-quiet" aria-hidden="true">
            {SCORES.map((n) => (
              <Face key={n} score={n} />
            ))}
          </div>
        </section>
      );
    case 'ask':
      return (
        <section className="terminal-ask" aria-labelledby="term-ask">
          <h1 id="term-ask">{t('termAsk', { number: visit?.number ?? '' })}</h1>
          {visit?.service && <p className="terminal-service">{nameIn(visit.service.names, lang, lang)}</p>}
          <div className="terminal-faces" role="group" aria-label={t('rateCriterion_overall')}>
            {SCORES.map((n) => (
              <button key={n} type="button" className="terminal-face" onClick={() => terminal.choose('overall', n)} data-testid={`face-${n}`}>
                <Face score={n} />
                <span>{t(`rateScale_${n}`)}</span>
              </button>
            ))}
          </div>
          <p className="terminal-hint">{t('termTapFace')}</p>
        </section>
      );
    case 'more':
    case 'sending':
      return <MoreCriteria terminal={terminal} chosen={scores} sending={phase === 'sending'} />;
    case 'thanks':
      return (
        <section className="terminal-thanks" role="status">
          <Face score={5} />
          <h1>{t('termThanks')}</h1>
          <p>{t('termThanksHint')}</p>
        </section>
      );
    case 'failed':
      return (
        <section className="terminal-failed" role="alert">
          <p>{t(problem === 'sendFailed' ? 'termSendFailed' : 'termTooLate')}</p>
          {problem === 'sendFailed' && (
            <button type="button" className="phone-primary" onClick={() => void terminal.send()}>
              {t('termRetry')}
            </button>
          )}
        </section>
      );
    case 'pair':
      return null;
  }
}

/** The optional criteria, a row of small faces each, and Send; sent by itself after a while. */
function MoreCriteria({ terminal, chosen, sending }: { terminal: Terminal; chosen: Partial<Record<RatingCriterion, number>>; sending: boolean }) {
  const { t } = useTranslation();
  const autoAt = useKiosk((s) => s.termAutoSendAt);
  const left = useSecondsLeft(autoAt);
  return (
    <section className="terminal-more" aria-labelledby="term-more">
      <h1 id="term-more">{t('termMore')}</h1>
      {ASKED.filter((c) => c !== 'overall').map((c) => (
        <div key={c} className="terminal-criterion" role="group" aria-labelledby={`term-${c}`}>
          <span id={`term-${c}`}>{t(`rateCriterion_${c}`)}</span>
          <div className="terminal-small-faces">
            {SCORES.map((n) => (
              <button key={n} type="button" aria-pressed={chosen[c] === n} aria-label={t(`rateScale_${n}`)} onClick={() => terminal.choose(c, n)} data-testid={`more-${c}-${n}`}>
                <Face score={n} />
              </button>
            ))}
          </div>
        </div>
      ))}
      <button type="button" className="phone-primary terminal-send" onClick={() => void terminal.send()} disabled={sending} data-testid="terminal-send">
        {t('termSend')}
      </button>
      {left !== null && <p className="terminal-hint">{t('termAutoSend', { count: left })}</p>}
    </section>
  );
}

function useSecondsLeft(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(id);
  }, []);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1_000));
}

const PAIR_MESSAGE: Record<Exclude<TerminalPairResult, 'ok'>, string> = { badCode: 'termPairBad', wrongKind: 'termPairWrongKind', offline: 'termOffline' };

/** For staff setting the terminal up: the 6-digit code from Settings → Devices. */
function TerminalPairing({ terminal }: { terminal: Terminal }) {
  const { t } = useTranslation();
  const reason = useKiosk((s) => s.termPairing);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Exclude<TerminalPairResult, 'ok'> | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{6}$/.test(code) || busy) return;
    setBusy(true);
    const r = await terminal.pair(code);
    setBusy(false);
    setResult(r === 'ok' ? null : r);
    if (r !== 'ok') setCode('');
  };
  return (
    <main className="terminal-pairing">
      <h1>{t('termPairTitle')}</h1>
      {reason === 'notTerminal' && <p className="phone-problem">{t('termNotTerminal')}</p>}
      <p>{t('termPairHint')}</p>
      <form onSubmit={(e) => void submit(e)}>
        <label className="code-field">
          <span>{t('termPairCode')}</span>
          <input value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))} inputMode="numeric" autoComplete="one-time-code" maxLength={6} aria-describedby="term-pair-message" data-testid="terminal-code" />
        </label>
        <p id="term-pair-message" role="status" className={result ? 'pair-error' : 'pair-status'}>
          {result ? t(PAIR_MESSAGE[result]) : ''}
        </p>
        <button type="submit" className="phone-primary" disabled={busy || code.length !== 6}>
          {t('termPairSubmit')}
        </button>
      </form>
    </main>
  );
}
