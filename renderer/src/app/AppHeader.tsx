import type { AuthStatus } from '../api/types';
import { t } from '../strings';
import { ClinicSwitcher } from './ClinicSwitcher';

interface AppHeaderProps {
  clinicName: string;
  auth: AuthStatus | null;
  onSignOut: () => void;
}

export function AppHeader({ clinicName, auth, onSignOut }: AppHeaderProps) {
  const signedIn = auth?.state === 'signed-in';
  const user = signedIn ? auth.user?.displayName : undefined;
  return (
    <header className="app-header">
      <div className="app-identity">
        <span className="app-name">{t.app.name}</span>
        <span className="app-context">
          <ClinicSwitcher activeName={clinicName} />
          {user && <span className="app-user"> · {t.app.signedInAs(user)}</span>}
        </span>
      </div>
      {signedIn && (
        <button type="button" className="button-quiet app-sign-out" onClick={onSignOut}>
          {t.app.signOut}
        </button>
      )}
    </header>
  );
}
