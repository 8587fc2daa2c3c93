import { useTranslation } from 'react-i18next';
import { useScreenSpeech } from '../hooks/useScreenSpeech';
import { useKiosk } from '../store';
import type { IssueFailure } from '../store/ticket';

const MESSAGE: Record<IssueFailure, 'issueFailed' | 'issueOffline' | 'serviceClosed' | 'dailyCap'> = {
  failed: 'issueFailed',
  offline: 'issueOffline',
  closed: 'serviceClosed',
  cap: 'dailyCap',
};

/** The ticket could not be issued: say so plainly, offer to try again. No number is shown. */
export function IssueProblem({ serviceId, reason }: { serviceId: string; reason: IssueFailure }) {
  const { t } = useTranslation();
  const takeTicket = useKiosk((s) => s.takeTicket);
  const startOver = useKiosk((s) => s.startOver);
  const back = useKiosk((s) => s.back);
  const message = t(MESSAGE[reason]);
  const retry = reason === 'failed' || reason === 'offline';
  useScreenSpeech([message, retry && t('tryAgain')]);
  return (
    <main className="screen problem-screen">
      <div className="problem" role="alert">
        <span className="problem-mark" aria-hidden="true">!</span>
        <h1>{message}</h1>
      </div>
      <div className="actions">
        {retry && (
          <button type="button" className="action primary" onClick={() => void takeTicket(serviceId)}>
            {t('tryAgain')}
          </button>
        )}
        <button type="button" className="action" onClick={back}>
          {t('back')}
        </button>
        <button type="button" className="action" onClick={startOver}>
          {t('startOver')}
        </button>
      </div>
    </main>
  );
}
