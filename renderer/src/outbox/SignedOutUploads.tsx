import type { OutboxCounts } from '../api/types';
import { t } from '../strings';

/** Signed out, the window may be seen by anyone passing: counts only, never a patient's name or a title. */
export function SignedOutUploads({ counts }: { counts: OutboxCounts }) {
  const summary = t.queue.signedOut(counts);
  if (summary === '') return null;
  return (
    <section className="panel uploads" aria-labelledby="uploads-heading">
      <h2 id="uploads-heading">{t.queue.heading}</h2>
      <p role="status">{summary}</p>
      {counts.waiting + counts.needsAttention > 0 && <p className="muted">{t.queue.signInToSee}</p>}
    </section>
  );
}
