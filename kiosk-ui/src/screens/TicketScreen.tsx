import { useTranslation } from 'react-i18next';
import { IssueProblem } from '../components/IssueProblem';
import { IssuedTicket } from '../components/IssuedTicket';
import { useScreenSpeech } from '../hooks/useScreenSpeech';
import { useKiosk } from '../store';

/** After a tap on a service: printing, then the ticket, or a plain failure (never a number). */
export function TicketScreen() {
  const issue = useKiosk((s) => s.issue);
  if (issue.state === 'issued') return <IssuedTicket key={issue.ticket.id} issued={issue} />;
  if (issue.state === 'failed') return <IssueProblem serviceId={issue.serviceId} reason={issue.reason} />;
  return <Printing />;
}

function Printing() {
  const { t } = useTranslation();
  useScreenSpeech([t('printing'), t('pleaseWait')]);
  return (
    <main className="screen printing-screen" aria-busy="true">
      <div className="spinner" aria-hidden="true" />
      <h1 role="status">{t('printing')}</h1>
      <p className="hint">{t('pleaseWait')}</p>
    </main>
  );
}
