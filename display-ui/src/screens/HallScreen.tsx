import type { Language } from '@qms/shared';
import { AnnouncementLog } from '../components/AnnouncementLog.js';
import { ConnectionBadge } from '../components/ConnectionBadge.js';
import { Header } from '../components/Header.js';
import { NowCalling } from '../components/NowCalling.js';
import { QueueLoads } from '../components/QueueLoads.js';
import { RecentCalls } from '../components/RecentCalls.js';
import { ServiceNotices } from '../components/ServiceNotices.js';
import { EnableSoundDialog, SoundBlockedBanner, SoundIndicator } from '../components/Sound.js';
import { useVisibleCalls } from '../hooks/useVisibleCalls.js';

/** The call in "Now calling" plus this many others. */
export const PREVIOUS_CALLS = 6;

export function HallScreen({ lang, onEnableSound, onMuteSound }: { lang: Language; onEnableSound: () => void; onMuteSound: () => void }) {
  const calls = useVisibleCalls(PREVIOUS_CALLS);
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
        <NowCalling call={calls.now} />
        <RecentCalls calls={calls.previous} />
        <QueueLoads lang={lang} />
      </main>
      <ServiceNotices lang={lang} />
      <SoundBlockedBanner onEnable={onEnableSound} />
      <AnnouncementLog />
      <EnableSoundDialog onEnable={onEnableSound} onMute={onMuteSound} />
    </div>
  );
}
