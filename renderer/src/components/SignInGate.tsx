// Browser mode only: once the server says this browser has no session (401), the app is
// replaced by a page that says how to sign in (the link `sift serve` printed). The gate
// listens for the whole session, so a restarted server, which forgets every session, is
// noticed too. Over IPC (the desktop app) it never closes.
import { useEffect, useState, type ReactNode } from 'react';
import { useClient } from '../hooks/use-client.js';
import { useI18n } from '../i18n/context.js';
import { Logo } from './icons.js';

export function SignInGate({ children }: { children: ReactNode }) {
  const client = useClient();
  const [signedOut, setSignedOut] = useState(false);
  useEffect(() => client.onSignedOut(() => setSignedOut(true)), [client]);
  useEffect(() => {
    // A refused sign-in link stays in the address bar: drop its (spent or wrong) secret.
    if (signedOut && new URLSearchParams(window.location.search).has('token')) {
      window.history.replaceState(null, '', window.location.pathname);
    }
  }, [signedOut]);
  return signedOut ? <SignedOut /> : <>{children}</>;
}

function SignedOut() {
  const { t } = useI18n();
  return (
    <main className="signed-out" data-testid="signed-out">
      <div className="empty-icon">
        <Logo />
      </div>
      <h1>{t('signin.title')}</h1>
      <p>{t('signin.body')}</p>
      <p className="muted">{t('signin.hint')}</p>
    </main>
  );
}
