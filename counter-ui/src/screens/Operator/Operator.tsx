/** The counter operator's screen: the ticket in hand, the actions, the queue, today's figures. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner, NoticeBanner } from '../../components/Banners';
import { bindShortcuts } from '../../operatorActions';
import { useStore } from '../../store';
import { selectMyCounter } from '../../store/selectors';
import { ActionBar } from './ActionBar';
import { CounterStrip } from './CounterStrip';
import { CurrentTicket } from './CurrentTicket';
import { QueuePanel } from './QueuePanel';
import { RecentPanel } from './RecentPanel';
import { TodayFigures } from './TodayFigures';

export function Operator() {
  const { t } = useTranslation();
  const counter = useStore(selectMyCounter);
  const reconnecting = useStore((s) => s.connection === 'reconnecting');
  useEffect(() => bindShortcuts(), []);
  if (!counter) return <p className="loading">{t('common.loading')}</p>;
  return (
    <div className="operator" data-testid="operator">
      <CounterStrip counter={counter} />
      <div className="op-main">
        <section className="op-left" aria-label={t('op.ticketPanel')}>
          {reconnecting && (
            <div className="banner banner-error" role="alert" data-testid="offline">
              {t('op.offline')}
            </div>
          )}
          <NoticeBanner />
          <CurrentTicket counter={counter} />
          <ActionBar />
          <ErrorBanner />
          <TodayFigures />
          <RecentPanel />
        </section>
        <QueuePanel />
      </div>
    </div>
  );
}
