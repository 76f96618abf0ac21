import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { request } from '../api/client';
import type { ErrorView, NoteShape, NoteTemplate, NoteType, NoteWriting, OutboxItemView, PatientSummary } from '../api/types';
import type { NoteRulesSlice } from '../../../common/note-rules';
import { formatClockTime } from '../dates';
import { ErrorMessage } from '../ErrorMessage';
import { patientIdentity } from '../patients/patientIdentity';
import { templateContent } from '../../../common/template-content';
import { t } from '../strings';
import { CharacterFixPreview } from './CharacterFixPreview';
import { DraftSaver, type DraftSaveReport } from './draftSaver';
import { ManageTemplates } from './ManageTemplates';
import { characterFix, composerProblems } from './noteChecks';
import { NoteFields, noteFieldId } from './NoteFields';
import { emptyWriting, fitContent, hasWords } from './noteWriting';
import { TemplatePicker } from './TemplatePicker';

export interface NoteComposerProps {
  /** Fixed for the composer's life: the parent keys it by patient id, so words never outlive their patient. */
  patient: PatientSummary;
  notes: { shape: NoteShape; rules: NoteRulesSlice };
  noteTypes: readonly NoteType[];
  templates: readonly NoteTemplate[];
  onTemplatesChanged: () => void;
  onQueued: (item: OutboxItemView) => void;
  /** A draft of this patient's was written, sent or discarded; the list of drafts may have changed. */
  onDraftsChanged: () => void;
  onPersistence: (persistent: boolean) => void;
  /** The composer is closing (the patient changed) with words in it, which stay with `patient` as a draft. */
  onLeftWithWords: (patient: PatientSummary) => void;
}

type Load = { state: 'loading' } | { state: 'ready' } | { state: 'failed'; error: ErrorView };
type Asking = null | 'discard' | 'fix';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * The note composer for one patient. Its words, its draft key and its pending autosave all belong
 * to `patient`: when the banner changes, this composer is unmounted (the pending save is written
 * for this patient first) and a new one loads the new patient's draft.
 */
export function NoteComposer(props: NoteComposerProps) {
  const { patient, notes, noteTypes, templates } = props;
  const id = useId();
  const identity = patientIdentity(patient);
  const latest = useRef(props);
  latest.current = props;

  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [writing, setWriting] = useState<NoteWriting>(() => emptyWriting(notes.shape, noteTypes[0]?.id ?? ''));
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const [saveReport, setSaveReport] = useState<DraftSaveReport | null>(null);
  const [hasDraft, setHasDraft] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [asking, setAsking] = useState<Asking>(null);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<ErrorView | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [discarded, setDiscarded] = useState(false);
  const sentRef = useRef<HTMLParagraphElement>(null);
  const discardQuestionRef = useRef<HTMLDivElement>(null);
  const hadWords = useRef(false);

  const [saver] = useState(
    () =>
      new DraftSaver(
        {
          save: (note, noteKey) => request('notes:saveDraft', { patientId: patient.id, note, ...(noteKey ? { noteKey } : {}) }),
          discard: () => request('notes:discardDraft', { patientId: patient.id }),
        },
        (report) => {
          setSaveReport(report);
          if (report.kind === 'saved') {
            setHasDraft(true);
            latest.current.onPersistence(report.persistent);
          }
          if (report.kind === 'discarded') setHasDraft(false);
        },
      ),
  );

  useEffect(() => {
    let stale = false;
    void request('notes:draft', { patientId: patient.id }).then((outcome) => {
      if (stale) return;
      // Typing stays off until this answers: a keystroke saved first would replace the draft unseen.
      if (!outcome.ok) return setLoad({ state: 'failed', error: outcome.error });
      const draft = outcome.value;
      if (draft) {
        const restored = { noteTypeId: draft.noteTypeId, title: draft.title, content: fitContent(draft.content, latest.current.notes.shape) };
        setWriting(restored);
        hadWords.current = hasWords(restored);
        saver.adopt(draft.noteKey);
        setRestoredAt(draft.updatedAt);
        setHasDraft(true);
      }
      setLoad({ state: 'ready' });
    });
    return () => {
      stale = true;
    };
  }, [patient.id, saver, attempt]);

  useEffect(() => saver.open(), [saver]);

  useEffect(
    () => () => {
      // The last keystrokes go to this composer's own patient, never to whoever is in the banner next.
      const leaving = latest.current;
      if (hadWords.current) leaving.onLeftWithWords(leaving.patient);
      void saver.flush().then(() => leaving.onDraftsChanged());
    },
    [saver],
  );

  useEffect(() => {
    if (sent) sentRef.current?.focus();
  }, [sent]);

  useEffect(() => {
    if (asking === 'discard') discardQuestionRef.current?.focus();
  }, [asking]);

  const problems = composerProblems(writing, notes, noteTypes);
  const fix = notes.rules.charset === 'ascii' ? characterFix(writing) : null;
  const fixLeavesSome = fix !== null && composerProblems(fix.fixed, notes, noteTypes).some((problem) => problem.kind === 'refused-characters');
  const ready = load.state === 'ready';
  const canSend = ready && !sending && problems.length === 0;

  function change(next: NoteWriting) {
    setWriting(next);
    hadWords.current = hasWords(next);
    setSent(null);
    setDiscarded(false);
    setSendError(null);
    saver.schedule(next);
  }

  function applyTemplate(template: NoteTemplate) {
    change({ ...writing, title: template.title, content: templateContent(template, notes.shape) });
    const firstText = notes.shape.kind === 'text' ? 'text' : (notes.shape.sections[0]?.id ?? 'text');
    document.getElementById(noteFieldId(id, firstText))?.focus();
  }

  async function send() {
    if (!canSend) return setAttempted(true);
    setSending(true);
    setSendError(null);
    // A save still waiting would otherwise land after the send and bring the sent words back as a draft.
    await saver.cancel();
    const note = writing;
    const outcome = await request('notes:send', { patientId: patient.id, note, ...(saver.noteKey ? { noteKey: saver.noteKey } : {}) });
    setSending(false);
    if (!outcome.ok) {
      setSendError(outcome.error);
      // Not sent: the words must still reach the draft.
      saver.schedule(note);
      return;
    }
    saver.forget();
    props.onQueued(outcome.value);
    setWriting(emptyWriting(notes.shape, note.noteTypeId));
    hadWords.current = false;
    setRestoredAt(null);
    setSaveReport(null);
    setHasDraft(false);
    setTouched(new Set());
    setAttempted(false);
    setAsking(null);
    setSent(note.title.trim() || t.notes.untitled);
    props.onDraftsChanged();
  }

  async function discard() {
    setAsking(null);
    await saver.cancel();
    const outcome = await request('notes:discardDraft', { patientId: patient.id });
    if (!outcome.ok) return setSendError(outcome.error);
    saver.forget();
    setWriting(emptyWriting(notes.shape, writing.noteTypeId));
    hadWords.current = false;
    setRestoredAt(null);
    setSaveReport(null);
    setHasDraft(false);
    setTouched(new Set());
    setDiscarded(true);
    props.onDraftsChanged();
    document.getElementById(noteFieldId(id, 'title'))?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Enter' || !(isMac ? event.metaKey : event.ctrlKey)) return;
    event.preventDefault();
    void send();
  }

  const sendHintId = `${id}-send-hint`;
  return (
    <section className="composer" aria-labelledby={`${id}-heading`} onKeyDown={onKeyDown}>
      <div className="section-head">
        <h2 id={`${id}-heading`}>{t.notes.heading}</h2>
        {saveReport?.kind === 'saved' && <span className="muted composer-saved">{t.notes.saved(formatClockTime(saveReport.updatedAt))}</span>}
      </div>
      <p className="composer-for">{t.notes.forPatient(identity)}</p>
      {load.state === 'loading' && (
        <p className="muted" role="status">
          {t.notes.loading}
        </p>
      )}
      {load.state === 'failed' && (
        <div className="composer-load-failed">
          <ErrorMessage error={load.error} context={t.notes.loadFailed} />
          <button type="button" className="button-secondary" onClick={() => (setLoad({ state: 'loading' }), setAttempt((n) => n + 1))}>
            {t.app.tryAgain}
          </button>
        </div>
      )}
      {restoredAt && (
        <p className="notes-status" role="status">
          {t.notes.restored(formatClockTime(restoredAt))}
        </p>
      )}
      {saveReport?.kind === 'failed' && <ErrorMessage error={saveReport.error} context={t.notes.saveFailed} />}
      {saveReport?.kind === 'already-sent' && (
        <p className="notes-status" role="status">
          {t.notes.alreadySent}
        </p>
      )}
      {sent && (
        <p className="notes-sent" tabIndex={-1} ref={sentRef}>
          {t.notes.sent(sent, identity)}
        </p>
      )}
      {discarded && (
        <p className="notes-status" role="status">
          {t.notes.discarded}
        </p>
      )}
      <TemplatePicker templates={templates} disabled={!ready || sending} wouldOverwrite={hasWords(writing)} onUse={applyTemplate} />
      <NoteFields
        idPrefix={id}
        shape={notes.shape}
        noteTypes={noteTypes}
        writing={writing}
        problems={problems}
        touched={touched}
        attempted={attempted}
        disabled={!ready || sending}
        onChange={change}
        onTouched={(field) => setTouched((was) => (was.has(field) ? was : new Set([...was, field])))}
      />
      {fix && asking !== 'fix' && (
        <button type="button" className="button-secondary fix-button" disabled={sending} onClick={() => setAsking('fix')}>
          {t.notes.fix.button}
        </button>
      )}
      {fix && asking === 'fix' && (
        <CharacterFixPreview
          fix={fix}
          someLeft={fixLeavesSome}
          onApply={() => {
            setAsking(null);
            change(fix.fixed);
          }}
          onCancel={() => setAsking(null)}
        />
      )}
      {sendError && <ErrorMessage error={sendError} />}
      <div className="composer-actions">
        <button type="button" className="button-primary send-button" disabled={!canSend} aria-describedby={sendHintId} onClick={() => void send()}>
          {sending ? t.notes.sending : t.notes.send(identity)}
        </button>
        {(hasDraft || hasWords(writing)) && asking !== 'discard' && (
          <button type="button" className="button-quiet" disabled={sending || !ready} onClick={() => setAsking('discard')}>
            {t.notes.discard}
          </button>
        )}
      </div>
      <p className="muted composer-hint" id={sendHintId}>
        {ready && !sending && problems[0] ? `${hasWords(writing) ? t.notes.sendBlocked(problems[0].message) : t.notes.writeFirst} ` : ''}
        {t.notes.sendShortcut(isMac)}
      </p>
      {asking === 'discard' && (
        <div className="confirm" role="alertdialog" aria-labelledby={`${id}-discard`} tabIndex={-1} ref={discardQuestionRef}>
          <p id={`${id}-discard`}>{t.notes.discardQuestion(identity)}</p>
          <div className="confirm-actions">
            <button type="button" className="button-primary" onClick={() => void discard()}>
              {t.notes.discardConfirm(identity)}
            </button>
            <button type="button" className="button-quiet" onClick={() => setAsking(null)}>
              {t.notes.keepDraft}
            </button>
          </div>
        </div>
      )}
      <ManageTemplates templates={templates} shape={notes.shape} writing={writing} onChanged={props.onTemplatesChanged} />
    </section>
  );
}
