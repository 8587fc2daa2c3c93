/** The refused-command banner and the "something happened to you" notice. */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { balanceReasonText } from '../screens/Supervisor/balanceText';
import { useStore } from '../store';
import type { Notice } from '../store/ui';
import { errorTitle, serverDetail } from './errorText';
import { pauseText } from './pauseText';
import { useLanguage, useServiceName } from './hooks';

export function ErrorBanner() {
  const error = useStore((s) => s.error);
  const showError = useStore((s) => s.showError);
  const { t } = useTranslation();
  const lang = useLanguage();
  if (!error) return null;
  const detail = serverDetail(lang, error);
  return (
    <div className="banner banner-error" role="alert" data-testid="error">
      <strong>{errorTitle(t, error)}</strong>
      {detail && <span className="banner-detail">{detail}</span>}
      <button type="button" className="icon-btn" aria-label={t('common.close')} onClick={() => showError(null)}>
        ×
      </button>
    </div>
  );
}


export function NoticeBanner() {
  const notice = useStore((s) => s.notice);
  const showNotice = useStore((s) => s.showNotice);
  const { t } = useTranslation();
  const serviceName = useServiceName();
  if (!notice) return null;
  return (
    <div className="banner banner-notice" role="status" data-testid="notice">
      <span>{noticeText(notice, t, serviceName)}</span>
      <button type="button" className="icon-btn" aria-label={t('common.close')} onClick={() => showNotice(null)}>
        ×
      </button>
    </div>
  );
}

function noticeText(n: Notice, t: TFunction, serviceName: (id: string) => string): string {
  switch (n.kind) {
    case 'sessionEnded':
      return t('notice.sessionEnded');
    case 'counterClosed':
      return t('notice.counterClosed', { counter: n.counter });
    case 'counterTakenOver':
      return t('notice.counterTakenOver', { counter: n.counter, by: n.by });
    case 'pausedBySupervisor': {
      // Worded now, in the language now: the user may switch after the notice came.
      const reason = pauseText(t, n.pause);
      if (n.you) return t('notice.pausedByYou', { reason });
      return n.by ? t('notice.pausedBy', { name: n.by, reason }) : t('notice.pausedBySupervisor', { reason });
    }
    case 'servicesChanged':
      return [
        t('notice.servicesChanged', { reason: balanceReasonText(t, n.why, n.reason, serviceName) }),
        n.added.length ? t('notice.added', { list: n.added.map(serviceName).join(', ') }) : '',
        n.removed.length ? t('notice.removed', { list: n.removed.map(serviceName).join(', ') }) : '',
      ]
        .filter(Boolean)
        .join(' ');
  }
}
