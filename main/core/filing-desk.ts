import { findTargetChoice } from '../../common/document-targets.js';
import { earlierFilings, type EarlierFiling } from '../outbox/earlier-filings.js';
import type { DroppedFile, FileSource } from '../outbox/dropped-file.js';
import type { FileIntake } from '../outbox/file-intake.js';
import type { FilingLedger } from '../outbox/filing-ledger.js';
import { hashFile } from '../outbox/hashing-copy.js';
import type { OutboxItemView } from '../outbox/outbox-view.js';
import { EmrError } from '../shared/errors.js';
import type { ProfileServices } from './profile-services.js';

export interface DocumentFiling {
  fileId: string;
  title: string;
  date: string;
  targetId: string;
}

export interface FilingDeskOptions {
  /** The clinic the window shows; every call acts on its own services. */
  active(): ProfileServices;
  intake: FileIntake;
  /** What this workstation has filed, for the duplicate warning. */
  ledger: FilingLedger;
  /**
   * How this shell's preload hands over dropped files: Electron's resolves a path from the File
   * itself, the browser shell's posts the bytes. Any other kind of source is a renderer naming a
   * file it was never given, and is refused.
   */
  fileSource: FileSource['kind'];
}

/**
 * The clinical-safety policy between a drop and the outbox: every dropped file is bound to the
 * patient in the banner when it was dropped, and only filed for them — or for whoever it was
 * explicitly moved to, in view of the banner. Nothing here trusts the renderer's word for which
 * patient a file belongs to.
 */
export class FilingDesk {
  readonly #options: FilingDeskOptions;
  /** Which clinic's patient each dropped file was dropped for (or explicitly moved to). */
  readonly #boundTo = new Map<string, { profileId: string; patientId: string }>();

  constructor(options: FilingDeskOptions) {
    this.#options = options;
  }

  async register(name: string, source: FileSource): Promise<DroppedFile> {
    const { intake, fileSource } = this.#options;
    if (source.kind !== fileSource) throw new EmrError('forbidden', 'Only files dropped on the window can be filed.');
    const { connector, patients, profile } = this.#options.active();
    const patient = patients.active;
    if (!patient) throw new EmrError('validation', 'Choose the patient first: every file is filed for the patient in the banner.', { field: 'patientId' });
    const capabilities = await connector.capabilities();
    const dropped =
      source.kind === 'path'
        ? await intake.registerPath(source.path, name, capabilities, profile.documents)
        : await intake.registerTransfer(source.file.$upload, name, capabilities, profile.documents);
    if (dropped.problem) return dropped;
    // Bound from the moment it is dropped: a later change of patient never carries it along.
    this.#boundTo.set(dropped.fileId, { profileId: profile.id, patientId: patient.id });
    return { ...dropped, forPatientId: patient.id };
  }

  async earlierFilings(patientId: string, fileIds: readonly string[]): Promise<{ fileId: string; filings: EarlierFiling[] }[]> {
    const { connector, outbox, profile } = this.#options.active();
    return Promise.all(
      fileIds.map(async (fileId) => {
        const file = this.#options.intake.peek(fileId);
        if (!file || !this.#isBoundTo(fileId, profile.id, patientId)) return { fileId, filings: [] };
        const digest = await hashFile(file.path);
        // The chart's own hashes are the other half of the check; if the EMR cannot be asked now,
        // what this workstation knows is still worth showing.
        const server = await connector.documentsWithContent(patientId, digest).catch(() => []);
        const ledger = await this.#options.ledger.filingsOf(profile.id, patientId, digest.sha256);
        return { fileId, filings: earlierFilings({ entries: outbox.entriesWithContent(patientId, digest.sha256), ledger, server }) };
      }),
    );
  }

  moveToPatient(patientId: string, fileIds: readonly string[]): { fileId: string; forPatientId: string }[] {
    const { patients, profile } = this.#options.active();
    // Moving is done in view of the banner: only to the patient it shows.
    if (patients.active?.id !== patientId) {
      throw new EmrError('validation', 'The patient in the banner changed. Check the patient and try again.', { field: 'patientId' });
    }
    for (const fileId of fileIds) {
      if (!this.#options.intake.has(fileId) || !this.#boundTo.has(fileId)) throw new EmrError('not-found', 'That file is no longer available. Drop it again.', { field: 'fileId' });
    }
    return fileIds.map((fileId) => {
      this.#boundTo.set(fileId, { profileId: profile.id, patientId });
      return { fileId, forPatientId: patientId };
    });
  }

  async discard(fileIds: readonly string[]): Promise<void> {
    const { intake } = this.#options;
    for (const fileId of fileIds) {
      this.#boundTo.delete(fileId);
      if (intake.has(fileId)) await intake.discard(intake.take(fileId));
    }
  }

  async file(patientId: string, documents: readonly DocumentFiling[]): Promise<OutboxItemView[]> {
    const { intake } = this.#options;
    const { connector, outbox, patients, profile } = this.#options.active();
    // Files go to the patient they were dropped for (or explicitly moved to), and only to one
    // this session has shown in the banner: its full record comes from there, not the renderer.
    const patient = patients.known(patientId);
    if (!patient) {
      throw new EmrError('validation', 'That patient is no longer open in ChartDrop. Choose them again, then file.', { field: 'patientId' });
    }
    const { targets } = await connector.documentTargets();
    // Check every document before taking any file, so a bad request leaves all of them droppable.
    const checked = documents.map((doc) => {
      const target = findTargetChoice(targets, doc.targetId);
      if (!target) throw new EmrError('validation', 'Choose a document type from the list.', { field: 'targetId' });
      if (!intake.has(doc.fileId)) throw new EmrError('not-found', 'That file is no longer available. Drop it again.', { field: 'fileId' });
      if (!this.#isBoundTo(doc.fileId, profile.id, patientId)) {
        throw new EmrError('validation', 'A file was dropped for another patient. Check the patient and file again.', { field: 'patientId' });
      }
      return { doc, target };
    });
    const requests = checked.map(({ doc, target }) => {
      this.#boundTo.delete(doc.fileId);
      return { file: intake.take(doc.fileId), title: doc.title, date: doc.date, target };
    });
    try {
      return await outbox.enqueueDocuments(patient, requests);
    } finally {
      // The outbox now holds its own copies; bytes the shell posted are no longer needed.
      await Promise.all(requests.map((r) => intake.discard(r.file)));
    }
  }

  #isBoundTo(fileId: string, profileId: string, patientId: string): boolean {
    const binding = this.#boundTo.get(fileId);
    return binding?.profileId === profileId && binding.patientId === patientId;
  }
}
