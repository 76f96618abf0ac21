import { useState } from 'react';
import { request } from '../api/client';
import { t } from '../strings';

/**
 * Where secrets cannot be encrypted at rest nothing is persisted (DESIGN.md "Secrets at rest").
 * The user is told once; main remembers the dismissal, so later starts do not repeat it.
 */
export function SessionNotice({ dismissedBefore }: { dismissedBefore: boolean }) {
  const [dismissed, setDismissed] = useState(dismissedBefore);
  if (dismissed) return null;
  return (
    <div className="notice" role="note">
      <p>{t.app.sessionNotice}</p>
      <button
        type="button"
        className="button-quiet"
        onClick={() => {
          setDismissed(true);
          void request('app:dismissNotice', { notice: 'session-not-persisted' });
        }}
      >
        {t.app.dismiss}
      </button>
    </div>
  );
}
