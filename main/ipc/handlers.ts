import { EmrError } from '../emr/errors.js';
import type { FileIntake } from '../outbox/file-intake.js';
import type { ProfileServices } from '../profile-services.js';
import type { AppInfo, ProfileSummary } from './contract.js';
import type { Handlers } from './dispatch.js';

export interface HandlerServices {
  info(): AppInfo;
  /** The clinic the window shows; every request is answered by its own services. */
  active(): ProfileServices;
  intake: FileIntake;
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
  return {
    'app:info': async () => services.info(),
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
      const { connector, profile } = s();
      const capabilities = await connector.capabilities();
      return source.kind === 'path'
        ? services.intake.registerPath(source.path, name, capabilities, profile.documents)
        : services.intake.registerTransfer(source.file.$upload, name, capabilities, profile.documents);
    },
    'outbox:enqueue': async ({ patientId, documents }) => {
      const { connector, outbox, patients } = s();
      const patient = patients.active;
      // Everything that writes goes to the patient in the banner, and only to them.
      if (!patient || patient.id !== patientId) {
        throw new EmrError('validation', 'The patient in the banner changed. Check the patient and file again.', { field: 'patientId' });
      }
      const targets = await connector.documentTargets();
      // Check every document before taking any file, so a bad request leaves all of them droppable.
      const checked = documents.map((doc) => {
        const target = targets.find((t) => t.id === doc.targetId);
        if (!target) throw new EmrError('validation', 'Choose a document type from the list.', { field: 'targetId' });
        if (!services.intake.has(doc.fileId)) throw new EmrError('not-found', 'That file is no longer available. Drop it again.', { field: 'fileId' });
        return { doc, target };
      });
      const requests = checked.map(({ doc, target }) => ({ file: services.intake.take(doc.fileId), title: doc.title, date: doc.date, target }));
      try {
        return await outbox.enqueueDocuments(patient, requests);
      } finally {
        // The outbox now holds its own copies; bytes the shell posted are no longer needed.
        await Promise.all(requests.map((r) => services.intake.discard(r.file)));
      }
    },
    'outbox:list': async () => s().outbox.summary(),
    'outbox:retry': ({ id }) => s().outbox.retry(id),
    'outbox:cancel': ({ id }) => s().outbox.cancel(id),
    'outbox:setPaused': async ({ paused }) => s().outbox.setPaused(paused),
  };
}
