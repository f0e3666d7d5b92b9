// Entry: pick the transport once, then render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { createClient } from './api/client.js';
import { SignInGate } from './components/SignInGate.js';
import { ClientContext } from './hooks/use-client.js';
import { I18nProvider } from './i18n/context.js';
import { applyTheme, loadTheme } from './theme.js';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/layout.css';
import './styles/chrome.css';
import './styles/search.css';
import './styles/preview.css';
import './styles/folders.css';
import './styles/settings.css';
import './styles/bench.css';
import './styles/models.css';

// Paint in the last theme at once; the saved setting takes over when the core answers.
applyTheme(loadTheme());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <ClientContext.Provider value={createClient()}>
      <I18nProvider>
        <SignInGate>
          <App />
        </SignInGate>
      </I18nProvider>
    </ClientContext.Provider>
  </StrictMode>,
);
