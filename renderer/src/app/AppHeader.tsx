import { useState } from 'react';
import type { AuthStatus } from '../api/types';
import { t } from '../strings';
import { ClinicSwitcher } from './ClinicSwitcher';

interface AppHeaderProps {
  clinicName: string;
  auth: AuthStatus | null;
  onSignOut: () => void;
}

export function AppHeader({ clinicName, auth, onSignOut }: AppHeaderProps) {
  const [confirming, setConfirming] = useState(false);
  const signedIn = auth?.state === 'signed-in';
  const user = signedIn ? auth.user : undefined;
  return (
    <header className="app-header">
      <div className="app-identity">
        <span className="app-name">{t.app.name}</span>
        <span className="app-context">
          <ClinicSwitcher activeName={clinicName} />
          {user && <span className="app-user"> · {user.displayName ? t.app.signedInAs(user.displayName) : t.app.signedIn}</span>}
        </span>
      </div>
      {signedIn && !confirming && (
        <button type="button" className="button-quiet app-sign-out" onClick={() => setConfirming(true)}>
          {t.app.signOut}
        </button>
      )}
      {signedIn && confirming && (
        <div
          role="group"
          aria-labelledby="sign-out-question"
          aria-describedby="sign-out-reach"
          className="app-sign-out-confirm"
          onKeyDown={(event) => {
            if (event.key === 'Escape') setConfirming(false);
          }}
        >
          <p id="sign-out-question" className="app-sign-out-question">
            {t.app.signOutQuestion(clinicName)}
          </p>
          {/* Whether the clinic's server ends the sign-in too is the server's to say, not ours to imply. */}
          <p id="sign-out-reach" className="app-sign-out-reach">
            {t.app.signOutReach(auth.revokesOnSignOut)}
          </p>
          <button
            type="button"
            className="button-primary"
            autoFocus
            onClick={() => {
              setConfirming(false);
              onSignOut();
            }}
          >
            {t.app.signOutConfirm}
          </button>
          <button type="button" className="button-quiet" onClick={() => setConfirming(false)}>
            {t.app.staySignedIn}
          </button>
        </div>
      )}
    </header>
  );
}
