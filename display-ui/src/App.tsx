import { useUiLanguage } from './hooks/useUiLanguage.js';
import { ConnectingScreen } from './screens/ConnectingScreen.js';
import { HallScreen } from './screens/HallScreen.js';
import { PairScreen } from './screens/PairScreen.js';
import type { DisplayController } from './session.js';
import { useDisplay } from './store/index.js';

export function App({ controller }: { controller: DisplayController }) {
  const lang = useUiLanguage();
  const pairing = useDisplay((s) => s.pairing);
  const ready = useDisplay((s) => s.hall !== null);
  // A display that was showing the hall and lost its token says so: someone revoked it.
  if (pairing === 'unpaired') return <PairScreen onPair={controller.pair} revoked={ready} />;
  if (!ready) return <ConnectingScreen />;
  return <HallScreen lang={lang} onEnableSound={() => void controller.enableSound()} onMuteSound={controller.muteSound} />;
}
