import { assertNever } from '../never';
import { useTranslation } from 'react-i18next';
import type { TicketStatusView } from '../api';
import { etaLine, positionLine } from '../ticket-text';

/** What the visitor should do now, by the ticket's status; "called" is the loud one. */
export function StatusPanel({ view }: { view: TicketStatusView }) {
  const { t } = useTranslation();
  const counter = view.counterNumber ?? '?';
  switch (view.status) {
    case 'waiting': {
      const position = positionLine(t, view.eta);
      return (
        <section className="status-panel waiting" aria-live="polite">
          <h2>{t('statusWaiting')}</h2>
          {position && <p className="status-big">{position}</p>}
          <p>{etaLine(t, view.eta)}</p>
        </section>
      );
    }
    case 'called':
      return (
        <section className="status-panel called" role="alert">
          <h2>{t('statusCalledNow')}</h2>
          <p className="status-huge">{t('statusCalled', { counter })}</p>
        </section>
      );
    case 'serving':
      return (
        <section className="status-panel serving" aria-live="polite">
          <p className="status-big">{t('statusServing', { counter })}</p>
        </section>
      );
    case 'done':
      return <Final text={t('statusDone')} />;
    case 'no_show':
      // A ticket from a phone whose visitor never checked in was not called, its place lapsed (V5): RemotePanel says so.
      return view.remote && !view.remote.arrived ? null : <Final text={t('statusNoShow')} />;
    case 'cancelled':
      return <Final text={t('statusCancelled')} />;
    default:
      return assertNever(view.status);
  }
}

function Final({ text }: { text: string }) {
  return (
    <section className="status-panel final" aria-live="polite">
      <p className="status-big">{text}</p>
    </section>
  );
}
