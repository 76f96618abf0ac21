import { useCallback, useEffect, useState } from 'react';
import { request } from '../api/client';
import type { Capabilities, ErrorView, NoteDraftSummary, NoteTemplate, NoteType, OutboxItemView, PatientSummary } from '../api/types';
import { ErrorMessage } from '../ErrorMessage';
import { patientIdentity } from '../patients/patientIdentity';
import { t } from '../strings';
import { NoteComposer } from './NoteComposer';
import { OtherDrafts } from './OtherDrafts';

type Setup =
  | { state: 'loading' }
  | { state: 'failed'; error: ErrorView }
  | { state: 'ready'; notes: Capabilities['notes']; createNote: boolean; noteTypes: NoteType[] };

/** Said once per run: it is the same for every patient, and repeating it would train people to skip it. */
let persistenceNoticeDismissed = false;

interface NotesWorkspaceProps {
  /** The patient in the banner. */
  patient: PatientSummary | null;
  onQueued: (item: OutboxItemView) => void;
}

/**
 * The "Write a note" tab, shown only to a signed-in user: what the EMR takes, the templates, other
 * patients' drafts, and one composer keyed by the banner's patient.
 */
export function NotesWorkspace({ patient, onQueued }: NotesWorkspaceProps) {
  const [setup, setSetup] = useState<Setup>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [templates, setTemplates] = useState<NoteTemplate[]>([]);
  const [templatesError, setTemplatesError] = useState<ErrorView | null>(null);
  const [drafts, setDrafts] = useState<NoteDraftSummary[]>([]);
  const [persistent, setPersistent] = useState(true);
  const [noticeDismissed, setNoticeDismissed] = useState(persistenceNoticeDismissed);
  const [keptFor, setKeptFor] = useState<PatientSummary | null>(null);

  useEffect(() => {
    let stale = false;
    void Promise.all([request('emr:capabilities', null), request('notes:types', null)]).then(([capabilities, types]) => {
      if (stale) return;
      if (!capabilities.ok) return setSetup({ state: 'failed', error: capabilities.error });
      if (!types.ok) return setSetup({ state: 'failed', error: types.error });
      setSetup({ state: 'ready', notes: capabilities.value.notes, createNote: capabilities.value.createNote, noteTypes: types.value });
    });
    return () => {
      stale = true;
    };
  }, [attempt]);

  const loadTemplates = useCallback(async () => {
    const outcome = await request('notes:templates', { includeHidden: true });
    if (outcome.ok) setTemplates(outcome.value);
    setTemplatesError(outcome.ok ? null : outcome.error);
  }, []);

  const loadDrafts = useCallback(async () => {
    const outcome = await request('notes:drafts', null);
    // The list only reminds; without it the composer still works, and main keeps the drafts.
    if (!outcome.ok) return;
    setDrafts(outcome.value.drafts);
    setPersistent(outcome.value.persistent);
  }, []);

  useEffect(() => {
    void loadTemplates();
  }, [loadTemplates]);

  useEffect(() => {
    void loadDrafts();
  }, [loadDrafts, patient?.id]);

  return (
    <div className="notes-workspace">
      {!persistent && !noticeDismissed && (
        <div className="notice notes-notice" role="note">
          <p>{t.notes.notPersistent}</p>
          <button
            type="button"
            className="button-quiet"
            onClick={() => {
              persistenceNoticeDismissed = true;
              setNoticeDismissed(true);
            }}
          >
            {t.notes.dismiss}
          </button>
        </div>
      )}
      {keptFor && keptFor.id !== patient?.id && (
        <p className="notes-status" role="status">
          {t.notes.keptFor(patientIdentity(keptFor))}
        </p>
      )}
      <OtherDrafts drafts={drafts} currentPatientId={patient?.id} />
      {templatesError && <ErrorMessage error={templatesError} context={t.notes.templates.loadFailed} announce={false} />}
      {setup.state === 'loading' && (
        <p className="muted" role="status">
          {t.notes.loading}
        </p>
      )}
      {setup.state === 'failed' && (
        <div className="composer-load-failed">
          <ErrorMessage error={setup.error} context={t.notes.setupFailed} />
          <button type="button" className="button-secondary" onClick={() => (setSetup({ state: 'loading' }), setAttempt((n) => n + 1))}>
            {t.app.tryAgain}
          </button>
        </div>
      )}
      {setup.state === 'ready' && !setup.createNote && <p className="muted">{t.notes.notTaken}</p>}
      {setup.state === 'ready' && setup.createNote && !patient && <p className="muted">{t.notes.choosePatientFirst}</p>}
      {setup.state === 'ready' && setup.createNote && patient && (
        <NoteComposer
          key={patient.id}
          patient={patient}
          notes={setup.notes}
          noteTypes={setup.noteTypes}
          templates={templates}
          onTemplatesChanged={() => void loadTemplates()}
          onQueued={onQueued}
          onDraftsChanged={() => void loadDrafts()}
          onPersistence={setPersistent}
          onLeftWithWords={setKeptFor}
        />
      )}
    </div>
  );
}
