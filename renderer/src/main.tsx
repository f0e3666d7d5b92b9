// Entry: pick the transport once, then render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { createClient } from './api/client.js';
import { ClientContext } from './hooks/use-client.js';
import { I18nProvider } from './i18n/context.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <ClientContext.Provider value={createClient()}>
      <I18nProvider>
        <App />
      </I18nProvider>
    </ClientContext.Provider>
  </StrictMode>,
);
