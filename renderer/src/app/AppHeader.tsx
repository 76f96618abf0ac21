import type { AuthStatus } from '../api/types';
import { t } from '../strings';

interface AppHeaderProps {
  clinicName: string;
  auth: AuthStatus | null;
  onSignOut: () => void;
}

export function AppHeader({ clinicName, auth, onSignOut }: AppHeaderProps) {
  const signedIn = auth?.state === 'signed-in';
  return (
    <header className="app-header">
      <div className="app-identity">
        <span className="app-name">{t.app.name}</span>
        <span className="app-clinic">{clinicName}</span>
      </div>
      {signedIn && (
        <div className="app-account">
          {auth.user && <span className="app-user">{t.app.signedInAs(auth.user.displayName)}</span>}
          <button type="button" className="button-quiet" onClick={onSignOut}>
            {t.app.signOut}
          </button>
        </div>
      )}
    </header>
  );
}
