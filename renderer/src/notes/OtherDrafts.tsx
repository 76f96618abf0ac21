import type { NoteDraftSummary } from '../api/types';
import { formatInstant } from '../dates';
import { patientIdentity } from '../patients/patientIdentity';
import { t } from '../strings';

/**
 * Unfinished notes for patients other than the one in the banner, so a draft left behind when the
 * patient changed is not forgotten. Each is named by name and birth date, the two facts a draft keeps.
 */
export function OtherDrafts({ drafts, currentPatientId }: { drafts: readonly NoteDraftSummary[]; currentPatientId: string | undefined }) {
  const others = drafts.filter((draft) => draft.patientId !== currentPatientId);
  if (others.length === 0) return null;
  return (
    <div className="other-drafts">
      <h3>{t.notes.otherDrafts}</h3>
      <ul aria-label={t.notes.otherDraftsLabel}>
        {others.map((draft) => (
          <li key={draft.patientId}>
            {t.notes.otherDraft(
              patientIdentity({ displayName: draft.patientLabel.name, identifiers: [], ...(draft.patientLabel.birthDate ? { birthDate: draft.patientLabel.birthDate } : {}) }),
              formatInstant(draft.updatedAt),
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
