import { useDisplay } from '../store/index.js';

/**
 * What is being announced, for screen readers (the live region), and the queue with its states
 * for diagnostics and tests (the log). Both are visually hidden: the screen shows the calls.
 */
export function AnnouncementLog() {
  const live = useDisplay((s) => s.liveText);
  // Spoken in the call's language, which need not be the screen's: screen readers switch voice.
  const liveLang = useDisplay((s) => s.liveLang);
  const items = useDisplay((s) => s.announcements);
  return (
    <>
      <div className="sr-only" role="status" aria-live="polite" lang={liveLang ?? undefined} data-testid="announcement-live">
        {live}
      </div>
      <ol className="sr-only" aria-hidden="true" data-testid="announcement-log">
        {items.map((a) => (
          <li
            key={a.id}
            data-id={a.id}
            data-call={a.callKey}
            data-lang={a.lang}
            data-status={a.status}
            data-outcome={a.outcome ?? ''}
            data-started={a.startedAt ?? ''}
            data-ended={a.endedAt ?? ''}
          >
            {a.text}
          </li>
        ))}
      </ol>
    </>
  );
}
