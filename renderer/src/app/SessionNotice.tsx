import { useState } from 'react';
import { t } from '../strings';

/** Not PHI: only whether this user has read the notice on this computer. */
const DISMISSED_KEY = 'chartdrop.sessionNoticeDismissed';

/**
 * Where secrets cannot be encrypted at rest nothing is persisted (DESIGN.md "Secrets at rest").
 * The user is told once; after they dismiss it, it stays away on later starts.
 */
export function SessionNotice() {
  const [dismissed, setDismissed] = useState(() => localStorage.getItem(DISMISSED_KEY) === 'yes');
  if (dismissed) return null;
  return (
    <div className="notice" role="note">
      <p>{t.app.sessionNotice}</p>
      <button
        type="button"
        className="button-quiet"
        onClick={() => {
          localStorage.setItem(DISMISSED_KEY, 'yes');
          setDismissed(true);
        }}
      >
        {t.app.dismiss}
      </button>
    </div>
  );
}
