import { checkNote } from '../../common/note-rules.js';
import type { NoteContent, PatientSummary } from '../emr/model.js';
import type { OutboxItemView } from '../outbox/outbox-view.js';
import { localDate } from '../shared/dates.js';
import { EmrError } from '../shared/errors.js';
import type { NoteDrafts } from '../notes/note-drafts.js';
import type { DraftView, NoteDraftSummary, NoteTemplate, NoteTemplateBody, NoteWriting } from '../notes/note-schemas.js';
import type { NoteTemplates } from '../notes/note-templates.js';
import type { ProfileServices } from './profile-services.js';

export interface NoteDeskOptions {
  active(): ProfileServices;
  drafts: NoteDrafts;
  templates: NoteTemplates;
  now?: () => Date;
}

/**
 * Encounter notes between the composer and the outbox: drafts kept per clinic and patient, the
 * connector's note rules checked again in main, and a note queued only for the patient in the
 * banner. A note's key is made once (with its draft) and never from its words, so two notes with
 * the same text are two notes, and a repeated Send of one note queues it once.
 */
export class NoteDesk {
  readonly #options: NoteDeskOptions;
  readonly #now: () => Date;
  /** One send per patient at a time: a double-click cannot race its own draft's deletion. */
  readonly #sending = new Map<string, Promise<OutboxItemView>>();

  constructor(options: NoteDeskOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  templates(includeHidden: boolean): Promise<NoteTemplate[]> {
    return this.#options.templates.list({ includeHidden });
  }

  saveTemplate(id: string | undefined, body: NoteTemplateBody): Promise<NoteTemplate> {
    return id === undefined ? this.#options.templates.add(body) : this.#options.templates.update(id, body);
  }

  removeTemplate(id: string): Promise<void> {
    return this.#options.templates.remove(id);
  }

  setTemplateHidden(id: string, hidden: boolean): Promise<void> {
    return this.#options.templates.setHidden(id, hidden);
  }

  /** Which patients of this clinic have a draft: names, so only for a signed-in user. */
  async drafts(): Promise<{ persistent: boolean; drafts: NoteDraftSummary[] }> {
    return { persistent: this.#options.drafts.persistent, drafts: await this.#options.drafts.list(draftScope(this.#signedIn())) };
  }

  async draft(patientId: string): Promise<DraftView | null> {
    const scope = draftScope(this.#signedIn());
    this.#knownPatient(patientId);
    const draft = await this.#options.drafts.get(scope, patientId);
    return draft ? toView(draft) : null;
  }

  /**
   * Saves the composer's words for the patient it was opened for: any patient shown in the banner
   * this session, so the last keystrokes before a change of patient stay with the patient they
   * were typed for. A save naming a note that is already queued comes too late and changes nothing.
   */
  async saveDraft(patientId: string, writing: NoteWriting, noteKey?: string): Promise<{ draft: DraftView | null; persistent: boolean }> {
    const services = this.#signedIn();
    const patient = this.#knownPatient(patientId);
    const persistent = this.#options.drafts.persistent;
    if (noteKey !== undefined && services.outbox.hasEntryWithKey(noteKey)) return { draft: null, persistent };
    const draft = await this.#options.drafts.save({ profileId: draftScope(services), patientId, patientLabel: labelOf(patient), ...writing });
    return { draft: toView(draft), persistent };
  }

  async discardDraft(patientId: string): Promise<void> {
    await this.#options.drafts.discard(draftScope(this.#signedIn()), patientId);
  }

  /** Queues the note for the banner's patient; the draft goes once the outbox holds the note on disk. */
  send(patientId: string, writing: NoteWriting, noteKey?: string): Promise<OutboxItemView> {
    const lockKey = `${this.#options.active().profile.id}\u0000${patientId}`;
    const running = this.#sending.get(lockKey);
    if (running) return running.catch(() => this.send(patientId, writing, noteKey));
    const sending = this.#send(patientId, writing, noteKey).finally(() => this.#sending.delete(lockKey));
    this.#sending.set(lockKey, sending);
    return sending;
  }

  async #send(patientId: string, writing: NoteWriting, noteKey: string | undefined): Promise<OutboxItemView> {
    const services = this.#signedIn();
    const { connector, outbox, patients } = services;
    // A note is written in view of the banner: it goes to the patient shown there, or nowhere.
    const patient = patients.active;
    if (!patient || patient.id !== patientId) {
      throw new EmrError('validation', 'The patient in the banner changed. Check the patient, then send the note again.', { field: 'patientId' });
    }
    const capabilities = await connector.capabilities();
    if (!capabilities.createNote) throw new EmrError('unsupported', 'This EMR does not accept notes from ChartDrop.');
    const noteType = (await connector.noteTypes()).find((t) => t.id === writing.noteTypeId);
    if (!noteType) throw new EmrError('validation', 'Choose a note type from the list.', { field: 'noteTypeId' });
    const [problem] = checkNote({ title: writing.title, content: writing.content }, capabilities.notes);
    if (problem) throw new EmrError('validation', problem.message, { field: problem.field });

    const saved = await this.#options.drafts.save({ profileId: draftScope(services), patientId, patientLabel: labelOf(patient), ...writing });
    const view = await outbox.enqueueNote(patient, {
      noteType,
      title: writing.title,
      date: localDate(this.#now()),
      content: writing.content,
      idempotencyKey: noteKey ?? saved.idempotencyKey,
    });
    // The outbox's own entry (encrypted, on disk) now holds the note until the EMR confirms it.
    await this.#options.drafts.discard(draftScope(services), patientId);
    return view;
  }

  /** At quit: the last keystrokes' save reaches the disk. */
  flush(): Promise<void> {
    return this.#options.drafts.flush();
  }

  #signedIn(): ProfileServices {
    const services = this.#options.active();
    if (services.session.status().state !== 'signed-in') throw new EmrError('auth', 'Sign in to write notes.');
    return services;
  }

  #knownPatient(patientId: string): PatientSummary {
    const patient = this.#options.active().patients.known(patientId);
    if (!patient) throw new EmrError('validation', 'That patient is no longer open in ChartDrop. Choose them again.', { field: 'patientId' });
    return patient;
  }
}

/**
 * Drafts belong to the clinic and to whoever wrote them: the next person to sign in at this
 * workstation does not find, and cannot send under their own name, someone else's unfinished note.
 */
function draftScope(services: ProfileServices): string {
  const subject = services.session.subject;
  return subject ? `${services.profile.id}\u0000${subject}` : services.profile.id;
}

function labelOf(patient: PatientSummary): { name: string; birthDate?: string } {
  return { name: patient.displayName, ...(patient.birthDate ? { birthDate: patient.birthDate } : {}) };
}

function toView(draft: { patientId: string; noteTypeId: string; title: string; content: NoteContent; idempotencyKey: string; updatedAt: string }): DraftView {
  return { patientId: draft.patientId, noteTypeId: draft.noteTypeId, title: draft.title, content: draft.content, noteKey: draft.idempotencyKey, updatedAt: draft.updatedAt };
}
