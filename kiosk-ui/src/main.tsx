/**
 * Composition: one store, the modules that feed it (catalogue sync, speech, the document), and
 * one of four apps: the kiosk, a ticket's status page for phones at /kiosk/t/<id>, the public
 * booking page at /book/, or the join page at /join/ (the server serves this build there too).
 */
import { deviceToken } from '@qms/shared/client';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { bindDocument } from './bind-document';
import { startBooking } from './book-start';
import { bookRoute } from './booking';
import { bindCallAlert } from './call-alert';
import { bindPhoneAlerts } from './phone-alerts';
import { bindPush } from './push';
import { browserLanguage, initI18n, isLanguage } from './i18n';
import { joinRoute } from './join';
import { startJoin } from './join-start';
import { statusRouteId } from './links';
import { isRatingTerminalRoute, RATING_TOKEN_KEY, startRatingTerminal } from './rating-terminal';
import { TOKEN_KEY } from './pairing';
import { BookingPage } from './screens/BookingPage';
import { JoinPage } from './screens/JoinPage';
import { KioskApp } from './screens/KioskApp';
import { RatingTerminal } from './screens/RatingTerminal';
import { StatusPage } from './screens/StatusPage';
import { bindSpeech } from './speech';
import { followTicket } from './status-follow';
import { useKiosk } from './store';
import { readDeviceSettings } from './store/settings';
import { startSync } from './sync';
import './styles/base.css';
import './styles/layout.css';
import './styles/options.css';
import './styles/priority.css';
import './styles/search.css';
import './styles/controls.css';
import './styles/ticket.css';
import './styles/screens.css';
import './styles/print.css';
import './styles/phone.css';
import './styles/rating.css';
import './styles/phone-alerts.css';
import './styles/book.css';
import './styles/book-card.css';
import './styles/checkin.css';
import './styles/join.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('Missing #root element');
const root = createRoot(rootElement);
const store = useKiosk.getState();
const ticketId = statusRouteId(window.location.pathname);
const booking = bookRoute(window.location.pathname);
const join = joinRoute(window.location.pathname);

if (booking) {
  // Until the center's languages are known: the phone's language, if the kiosk has words for it.
  useKiosk.setState({ lang: browserLanguage() });
  initI18n(useKiosk.getState().lang);
  bindDocument(useKiosk, 'bookTitle');
  document.body.classList.add('phone-body');
  startBooking(useKiosk, booking, window.location.search);
  root.render(
    <StrictMode>
      <BookingPage />
    </StrictMode>,
  );
} else if (join) {
  useKiosk.setState({ lang: browserLanguage() });
  initI18n(useKiosk.getState().lang);
  bindDocument(useKiosk, 'joinTitle');
  document.body.classList.add('phone-body');
  startJoin(useKiosk, join, window.location.search);
  root.render(
    <StrictMode>
      <JoinPage route={join} />
    </StrictMode>,
  );
} else if (isRatingTerminalRoute(window.location.pathname)) {
  // The rating terminal at a counter (issue 14): paired like a kiosk, with a token of its own.
  useKiosk.setState({ lang: browserLanguage() });
  initI18n(useKiosk.getState().lang);
  bindDocument(useKiosk, 'termTitle');
  const terminal = startRatingTerminal(useKiosk, deviceToken(RATING_TOKEN_KEY));
  root.render(
    <StrictMode>
      <RatingTerminal terminal={terminal} />
    </StrictMode>,
  );
} else if (ticketId) {
  const urlLang = new URLSearchParams(window.location.search).get('lang');
  if (isLanguage(urlLang)) store.setLang(urlLang);
  initI18n(useKiosk.getState().lang);
  bindDocument(useKiosk, 'statusTitle');
  document.body.classList.add('phone-body');
  const callAlert = bindCallAlert(useKiosk);
  bindPhoneAlerts(useKiosk, { ring: callAlert.ring });
  const push = bindPush(useKiosk, ticketId);
  const follow = followTicket(useKiosk, ticketId, isLanguage(urlLang));
  root.render(
    <StrictMode>
      <StatusPage actions={{ refresh: follow.refresh, withdraw: follow.withdraw, soundOn: callAlert.soundOn, soundOff: callAlert.soundOff, push }} />
    </StrictMode>,
  );
} else {
  store.setToken(deviceToken(TOKEN_KEY));
  store.setDeviceSettings(readDeviceSettings(window.location.search, localStorage));
  // Until the catalogue brings the center's language (a kiosk being paired has none yet).
  useKiosk.setState({ lang: browserLanguage() });
  initI18n(useKiosk.getState().lang);
  bindDocument(useKiosk, 'appTitle');
  bindSpeech(useKiosk);
  const sync = startSync(useKiosk);
  root.render(
    <StrictMode>
      <KioskApp onPaired={sync.now} />
    </StrictMode>,
  );
}
