import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App.js';
import { i18n } from './i18n/index.js';
import { startDisplay } from './session.js';
import { displayStore } from './store/index.js';
import './styles.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('Missing #root element');

// Outside React: the connection, sound and timers live as long as the page, not a component.
const controller = startDisplay(displayStore);

createRoot(rootElement).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App controller={controller} />
    </I18nextProvider>
  </StrictMode>,
);
