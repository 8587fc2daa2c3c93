import type { Language } from '@qms/shared';
import { AnnouncementLog } from '../components/AnnouncementLog.js';
import { ConnectionBadge } from '../components/ConnectionBadge.js';
import { Header } from '../components/Header.js';
import { NowCalling } from '../components/NowCalling.js';
import { QueueLoads } from '../components/QueueLoads.js';
import { RecentCalls } from '../components/RecentCalls.js';
import { ServiceNotices } from '../components/ServiceNotices.js';
import { EnableSoundDialog, SoundIndicator } from '../components/Sound.js';
import { useVisibleCalls } from '../hooks/useVisibleCalls.js';

/** The newest call plus this many before it. */
export const PREVIOUS_CALLS = 6;

export function HallScreen({ lang, onEnableSound, onMuteSound }: { lang: Language; onEnableSound: () => void; onMuteSound: () => void }) {
  const calls = useVisibleCalls(PREVIOUS_CALLS + 1);
  return (
    <div className="hall">
      <Header
        lang={lang}
        status={
          <>
            <ConnectionBadge />
            <SoundIndicator onEnable={onEnableSound} />
          </>
        }
      />
      <main className="hall-main">
        <NowCalling call={calls[0]} />
        <RecentCalls calls={calls.slice(1)} />
        <QueueLoads lang={lang} />
      </main>
      <ServiceNotices lang={lang} />
      <AnnouncementLog />
      <EnableSoundDialog onEnable={onEnableSound} onMute={onMuteSound} />
    </div>
  );
}
