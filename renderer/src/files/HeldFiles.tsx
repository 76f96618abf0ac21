import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { PatientSummary } from '../api/types';
import { patientIdentity } from '../patients/patientIdentity';
import { t } from '../strings';

interface HeldFilesProps {
  /** The patient the files were dropped for. */
  droppedFor: PatientSummary;
  /** The patient now in the banner, if any. */
  current: PatientSummary | null;
  busy: boolean;
  onFileToDroppedFor: () => void;
  /** Absent while no patient is in the banner. */
  onMoveToCurrent: (() => void) | undefined;
  onDiscard: () => void;
  children: ReactNode;
}

/**
 * Files dropped for one patient while the banner now shows another. They are never carried over
 * silently: the user files them to the patient they were dropped for, moves them to the new
 * patient as an explicit act, or discards them. Each choice names the patient with two identifiers.
 */
export function HeldFiles({ droppedFor, current, busy, onFileToDroppedFor, onMoveToCurrent, onDiscard, children }: HeldFilesProps) {
  const headingId = useId();
  const ref = useRef<HTMLElement>(null);
  // The prompt appears because the patient changed: take the user to it.
  useEffect(() => ref.current?.focus(), []);
  const from = patientIdentity(droppedFor);
  return (
    <section className="held" role="alertdialog" aria-labelledby={headingId} tabIndex={-1} ref={ref}>
      <h2 id={headingId}>{t.held.heading}</h2>
      <p className="held-explain">{t.held.explain(from, current ? patientIdentity(current) : null)}</p>
      {children}
      <div className="held-actions">
        <button type="button" className="button-primary" disabled={busy} onClick={onFileToDroppedFor}>
          {busy ? t.ready.sending : t.held.fileToDroppedFor(from)}
        </button>
        {current && onMoveToCurrent && (
          <button type="button" className="button-secondary" disabled={busy} onClick={onMoveToCurrent}>
            {t.held.moveTo(patientIdentity(current))}
          </button>
        )}
        <button type="button" className="button-quiet" disabled={busy} onClick={onDiscard}>
          {t.held.discard}
        </button>
      </div>
    </section>
  );
}
