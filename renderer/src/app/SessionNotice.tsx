import { useState } from 'react';
import { t } from '../strings';

/** Shown once per run: where secrets cannot be encrypted at rest, nothing is persisted (DESIGN.md "Secrets at rest"). */
export function SessionNotice() {
  const [dismissed, setDismissed] = useState(false);
  if (dismissed) return null;
  return (
    <div className="notice" role="note">
      <p>{t.app.sessionNotice}</p>
      <button type="button" className="button-quiet" onClick={() => setDismissed(true)}>
        {t.app.dismiss}
      </button>
    </div>
  );
}
