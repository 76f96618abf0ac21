import type { AuthSession } from '../auth/auth-session.js';
import type { EmrConnector } from '../emr/connector.js';
import { EmrError } from '../emr/errors.js';
import type { PatientContext } from '../emr/patient-context.js';
import type { FileIntake } from '../outbox/file-intake.js';
import type { Outbox } from '../outbox/outbox.js';
import type { AppInfo } from './contract.js';
import type { Handlers } from './dispatch.js';

export interface HandlerServices {
  info: AppInfo;
  session: AuthSession;
  connector: EmrConnector;
  patients: PatientContext;
  intake: FileIntake;
  outbox: Outbox;
}

/** Each channel of the contract, wired to the service that answers it. Inputs arrive already parsed. */
export function createHandlers(s: HandlerServices): Handlers {
  return {
    'app:info': async () => s.info,
    'auth:status': async () => s.session.status(),
    'auth:signIn': async () => {
      const status = await s.session.signIn();
      if (status.state === 'signed-in' && s.outbox.summary().pausedReason === 'signed-out') s.outbox.setPaused(false);
      return status;
    },
    'auth:cancel': async () => {
      s.session.cancelSignIn();
      return null;
    },
    'auth:signOut': async () => {
      // Queued items stay on disk and wait for the next sign-in.
      s.outbox.setPaused(true, 'signed-out');
      s.patients.clear();
      return s.session.signOut();
    },
    'emr:capabilities': () => s.connector.capabilities(),
    'patients:search': (query) => s.connector.searchPatients(query),
    'patients:appointments': () => s.connector.todaysAppointments(),
    'patients:recent': async () => s.patients.recent,
    'patients:select': async ({ patientId }) => {
      const patient = await s.connector.getPatient(patientId);
      s.patients.select(patient);
      return patient;
    },
    'patients:active': async () => s.patients.active,
    'documents:targets': () => s.connector.documentTargets(),
    'documents:list': ({ patientId }) => s.connector.listDocuments(patientId),
    'notes:types': () => s.connector.noteTypes(),
    'files:register': async ({ name, source }) => {
      const capabilities = await s.connector.capabilities();
      return source.kind === 'path'
        ? s.intake.registerPath(source.path, name, capabilities)
        : s.intake.registerTransfer(source.file.$upload, name, capabilities);
    },
    'outbox:enqueue': async ({ patientId, documents }) => {
      const patient = s.patients.active;
      // Everything that writes goes to the patient in the banner, and only to them.
      if (!patient || patient.id !== patientId) {
        throw new EmrError('validation', 'The patient in the banner changed. Check the patient and file again.', { field: 'patientId' });
      }
      const targets = await s.connector.documentTargets();
      const requests = documents.map((doc) => {
        const target = targets.find((t) => t.id === doc.targetId);
        if (!target) throw new EmrError('validation', 'Choose a document type from the list.', { field: 'targetId' });
        return { file: s.intake.take(doc.fileId), title: doc.title, date: doc.date, target };
      });
      try {
        return await s.outbox.enqueueDocuments(patient, requests);
      } finally {
        // The outbox now holds its own copies; bytes the shell posted are no longer needed.
        await Promise.all(requests.map((r) => s.intake.discard(r.file)));
      }
    },
    'outbox:list': async () => s.outbox.summary(),
    'outbox:retry': ({ id }) => s.outbox.retry(id),
    'outbox:cancel': ({ id }) => s.outbox.cancel(id),
    'outbox:setPaused': async ({ paused }) => s.outbox.setPaused(paused),
  };
}
