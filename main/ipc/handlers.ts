import { findTargetChoice } from '../../common/document-targets.js';
import { EmrError } from '../shared/errors.js';
import { earlierFilings } from '../outbox/earlier-filings.js';
import type { FileIntake } from '../outbox/file-intake.js';
import type { FilingLedger } from '../outbox/filing-ledger.js';
import type { Notice } from '../store/notice.js';
import { hashFile } from '../outbox/hashing-copy.js';
import type { ProfileServices } from '../core/profile-services.js';
import type { AppInfo, ProfileSummary } from './contract.js';
import type { Handlers } from './dispatch.js';

export interface HandlerServices {
  info(): AppInfo;
  /** The clinic the window shows; every request is answered by its own services. */
  active(): ProfileServices;
  intake: FileIntake;
  dismissNotice(notice: Notice): Promise<void>;
  /** What this workstation has filed, for the duplicate warning. */
  ledger: FilingLedger;
  /**
   * How this shell's preload hands over dropped files: Electron's resolves a path from the File
   * itself, the browser shell's posts the bytes. Any other kind of source is a renderer naming a
   * file it was never given, and is refused.
   */
  fileSource: 'path' | 'transfer';
  profiles(): ProfileSummary[];
  switchProfile(profileId: string): Promise<AppInfo>;
}

/** Each channel of the contract, wired to the service that answers it. Inputs arrive already parsed. */
export function createHandlers(services: HandlerServices): Handlers {
  const s = () => services.active();
  /** Which clinic's patient each dropped file was dropped for (or explicitly moved to). */
  const boundTo = new Map<string, { profileId: string; patientId: string }>();
  const isBoundTo = (fileId: string, profileId: string, patientId: string) => {
    const binding = boundTo.get(fileId);
    return binding?.profileId === profileId && binding.patientId === patientId;
  };
  return {
    'app:info': async () => services.info(),
    'app:dismissNotice': async ({ notice }) => {
      await services.dismissNotice(notice);
      return null;
    },
    'profiles:list': async () => services.profiles(),
    'profiles:switch': ({ profileId }) => services.switchProfile(profileId),
    'auth:status': async () => s().session.status(),
    'auth:signIn': async () => {
      const { session, outbox } = s();
      const status = await session.signIn();
      if (status.state === 'signed-in' && outbox.summary().pausedReason === 'signed-out') outbox.setPaused(false);
      return status;
    },
    'auth:cancel': async () => {
      s().session.cancelSignIn();
      return null;
    },
    'auth:signOut': async () => {
      const { session, outbox, patients } = s();
      // Queued items stay on disk and wait for the next sign-in.
      outbox.setPaused(true, 'signed-out');
      patients.clear();
      return session.signOut();
    },
    'emr:capabilities': () => s().connector.capabilities(),
    'patients:search': (query) => s().connector.searchPatients(query),
    'patients:appointments': () => s().connector.todaysAppointments(),
    'patients:recent': async () => s().patients.recent,
    'patients:select': async ({ patientId }) => {
      const { connector, patients } = s();
      const patient = await connector.getPatient(patientId);
      // Whatever the connector, only the record asked for may reach the banner and the recent list.
      if (patient.id !== patientId) throw new EmrError('unsupported', 'The EMR answered with a different patient than the one chosen. Nothing was changed.');
      patients.select(patient);
      return patient;
    },
    'patients:active': async () => s().patients.active,
    'documents:targets': () => s().connector.documentTargets(),
    'documents:list': ({ patientId }) => s().connector.listDocuments(patientId),
    'notes:types': () => s().connector.noteTypes(),
    'files:register': async ({ name, source }) => {
      if (source.kind !== services.fileSource) throw new EmrError('forbidden', 'Only files dropped on the window can be filed.');
      const { connector, patients, profile } = s();
      const patient = patients.active;
      if (!patient) throw new EmrError('validation', 'Choose the patient first: every file is filed for the patient in the banner.', { field: 'patientId' });
      const capabilities = await connector.capabilities();
      const dropped =
        source.kind === 'path'
          ? await services.intake.registerPath(source.path, name, capabilities, profile.documents)
          : await services.intake.registerTransfer(source.file.$upload, name, capabilities, profile.documents);
      if (dropped.problem) return dropped;
      // Bound from the moment it is dropped: a later change of patient never carries it along.
      boundTo.set(dropped.fileId, { profileId: profile.id, patientId: patient.id });
      return { ...dropped, forPatientId: patient.id };
    },
    'files:earlierFilings': async ({ patientId, fileIds }) => {
      const { connector, outbox, profile } = s();
      return Promise.all(
        fileIds.map(async (fileId) => {
          const file = services.intake.peek(fileId);
          if (!file || !isBoundTo(fileId, profile.id, patientId)) return { fileId, filings: [] };
          const digest = await hashFile(file.path);
          // The chart's own hashes are the other half of the check; if the EMR cannot be asked now,
          // what this workstation knows is still worth showing.
          const server = await connector.documentsWithContent(patientId, digest).catch(() => []);
          const ledger = await services.ledger.filingsOf(profile.id, patientId, digest.sha256);
          return { fileId, filings: earlierFilings({ entries: outbox.entriesWithContent(patientId, digest.sha256), ledger, server }) };
        }),
      );
    },
    'files:moveToPatient': async ({ patientId, fileIds }) => {
      const { patients, profile } = s();
      // Moving is done in view of the banner: only to the patient it shows.
      if (patients.active?.id !== patientId) {
        throw new EmrError('validation', 'The patient in the banner changed. Check the patient and try again.', { field: 'patientId' });
      }
      for (const fileId of fileIds) {
        if (!services.intake.has(fileId) || !boundTo.has(fileId)) throw new EmrError('not-found', 'That file is no longer available. Drop it again.', { field: 'fileId' });
      }
      return fileIds.map((fileId) => {
        boundTo.set(fileId, { profileId: profile.id, patientId });
        return { fileId, forPatientId: patientId };
      });
    },
    'files:discard': async ({ fileIds }) => {
      for (const fileId of fileIds) {
        boundTo.delete(fileId);
        if (services.intake.has(fileId)) await services.intake.discard(services.intake.take(fileId));
      }
      return null;
    },
    'outbox:enqueue': async ({ patientId, documents }) => {
      const { connector, outbox, patients, profile } = s();
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
        if (!services.intake.has(doc.fileId)) throw new EmrError('not-found', 'That file is no longer available. Drop it again.', { field: 'fileId' });
        if (!isBoundTo(doc.fileId, profile.id, patientId)) {
          throw new EmrError('validation', 'A file was dropped for another patient. Check the patient and file again.', { field: 'patientId' });
        }
        return { doc, target };
      });
      const requests = checked.map(({ doc, target }) => {
        boundTo.delete(doc.fileId);
        return { file: services.intake.take(doc.fileId), title: doc.title, date: doc.date, target };
      });
      try {
        return await outbox.enqueueDocuments(patient, requests);
      } finally {
        // The outbox now holds its own copies; bytes the shell posted are no longer needed.
        await Promise.all(requests.map((r) => services.intake.discard(r.file)));
      }
    },
    'outbox:list': async () => {
      const { outbox, session } = s();
      const summary = outbox.summary();
      // Items name patients: a screen nobody is signed in to shows counts only.
      return session.status().state === 'signed-in' ? summary : { ...summary, items: [] };
    },
    'outbox:clearFinished': () => s().outbox.clearFinished(),
    'outbox:retry': ({ id }) => s().outbox.retry(id),
    'outbox:cancel': ({ id }) => s().outbox.cancel(id),
    'outbox:setPaused': async ({ paused }) => s().outbox.setPaused(paused),
  };
}
