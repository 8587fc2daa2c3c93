import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { BoardApp } from './BoardApp.js';
import { i18n } from './i18n.js';
import { startBoardPolling } from './poll.js';
import { boardStore } from './store.js';
import './board.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('Missing #root element');

// Outside React: the polling lives as long as the page.
startBoardPolling(boardStore);

createRoot(rootElement).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <BoardApp />
    </I18nextProvider>
  </StrictMode>,
);
