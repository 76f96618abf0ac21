import type { AppCore } from '../core/app-core-types.js';
import type { Handlers } from './dispatch.js';

/**
 * Each channel of the contract, wired to the core. Inputs arrive already parsed; every decision
 * about who may see or file what is the core's, so the tray and the window act alike.
 */
export function createHandlers(core: AppCore): Handlers {
  const s = () => core.active();
  return {
    'app:info': async () => core.info(),
    'app:dismissNotice': async ({ notice }) => {
      await core.dismissNotice(notice);
      return null;
    },
    'profiles:list': async () => core.profiles(),
    'profiles:switch': ({ profileId }) => core.switchProfile(profileId),
    'auth:status': async () => s().session.status(),
    'auth:signIn': () => s().signIn(),
    'auth:cancel': async () => {
      s().session.cancelSignIn();
      return null;
    },
    'auth:signOut': () => s().signOut(),
    'emr:capabilities': () => s().connector.capabilities(),
    'patients:search': (query) => s().connector.searchPatients(query),
    'patients:appointments': () => s().connector.todaysAppointments(),
    'patients:recent': async () => s().patients.recent,
    'patients:select': ({ patientId }) => s().selectPatient(patientId),
    'patients:active': async () => s().patients.active,
    'documents:targets': () => s().connector.documentTargets(),
    'documents:list': ({ patientId }) => s().connector.listDocuments(patientId),
    'notes:types': () => s().connector.noteTypes(),
    'notes:templates': ({ includeHidden }) => core.notes.templates(includeHidden),
    'notes:saveTemplate': ({ id, body }) => core.notes.saveTemplate(id, body),
    'notes:removeTemplate': async ({ id }) => {
      await core.notes.removeTemplate(id);
      return null;
    },
    'notes:setTemplateHidden': async ({ id, hidden }) => {
      await core.notes.setTemplateHidden(id, hidden);
      return null;
    },
    'notes:drafts': () => core.notes.drafts(),
    'notes:draft': ({ patientId }) => core.notes.draft(patientId),
    'notes:saveDraft': ({ patientId, noteKey, note }) => core.notes.saveDraft(patientId, note, noteKey),
    'notes:discardDraft': async ({ patientId }) => {
      await core.notes.discardDraft(patientId);
      return null;
    },
    'notes:send': ({ patientId, noteKey, note }) => core.notes.send(patientId, note, noteKey),
    'files:register': ({ name, source }) => core.files.register(name, source),
    'files:earlierFilings': ({ patientId, fileIds }) => core.files.earlierFilings(patientId, fileIds),
    'files:moveToPatient': async ({ patientId, fileIds }) => core.files.moveToPatient(patientId, fileIds),
    'files:discard': async ({ fileIds }) => {
      await core.files.discard(fileIds);
      return null;
    },
    'outbox:enqueue': ({ patientId, documents }) => core.files.file(patientId, documents),
    'outbox:list': async () => s().outboxView(),
    'outbox:clearFinished': () => s().outbox.clearFinished(),
    'outbox:retry': ({ id }) => s().outbox.retry(id),
    'outbox:cancel': ({ id }) => s().outbox.cancel(id),
    'outbox:setPaused': async ({ paused }) => s().outbox.setPaused(paused),
  };
}
