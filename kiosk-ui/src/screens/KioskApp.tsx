import { useTranslation } from 'react-i18next';
import { Frame } from '../components/Frame';
import { IdleGuard } from '../components/IdleGuard';
import { PrintTicket } from '../components/PrintTicket';
import { checkInKind } from '../checkin';
import { useScanAnywhere } from '../hooks/useScanAnywhere';
import { useKiosk } from '../store';
import { CheckInScreen } from './CheckInScreen';
import { LanguageScreen } from './LanguageScreen';
import { PairingScreen } from './PairingScreen';
import { PriorityScreen } from './PriorityScreen';
import { ServicesScreen } from './ServicesScreen';
import { TicketScreen } from './TicketScreen';

export function KioskApp({ onPaired }: { onPaired: () => void }) {
  const paired = useKiosk((s) => s.paired);
  const loaded = useKiosk((s) => s.catalogue !== null);
  const screen = useKiosk((s) => s.screen);
  // A ticket from a phone checked in is shown like an issued one: its own countdown and "done".
  const arrived = useKiosk((s) => s.checkIn.state === 'arrived');
  const issuing = useKiosk((s) => s.issue.state === 'issuing' || s.issue.state === 'issued') || arrived;
  // The ticket screens carry their own actions (try again, back, done).
  const navigation = screen !== 'language' && screen !== 'ticket' && !arrived;
  const bookable = useKiosk((s) => s.catalogue !== null && checkInKind(s.catalogue.services) !== null);
  useScanAnywhere(paired !== 'no' && bookable && (screen === 'language' || screen === 'services'), useKiosk.getState().checkInScanned);

  if (paired === 'no') {
    return (
      <Frame navigation={false}>
        <PairingScreen onPaired={onPaired} />
      </Frame>
    );
  }
  if (!loaded) {
    return (
      <Frame navigation={false}>
        <Connecting />
      </Frame>
    );
  }
  return (
    <>
      <Frame navigation={navigation}>
        {screen === 'language' && <LanguageScreen />}
        {screen === 'services' && <ServicesScreen />}
        {screen === 'priority' && <PriorityScreen />}
        {screen === 'checkin' && <CheckInScreen />}
        {screen === 'ticket' && <TicketScreen />}
      </Frame>
      {/* The ticket screen has its own countdown; the start screen has nothing to lose. */}
      <IdleGuard active={screen !== 'language' && !issuing} />
      <PrintTicket />
    </>
  );
}

function Connecting() {
  const { t } = useTranslation();
  return (
    <main className="screen printing-screen" aria-busy="true">
      <div className="spinner" aria-hidden="true" />
      <h1>{t('connecting')}</h1>
    </main>
  );
}
