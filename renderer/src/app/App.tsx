import { useCallback, useEffect, useRef, useState } from 'react';
import { request } from '../api/client';
import type { ErrorView, PatientSummary } from '../api/types';
import { SignInPanel } from '../auth/SignInPanel';
import { flushOpenDrafts } from '../notes/draftSaver';
import { ChartDocuments } from '../chart/ChartDocuments';
import { ErrorMessage } from '../ErrorMessage';
import { FilingPanel } from '../files/FilingPanel';
import { NotesWorkspace } from '../notes/NotesWorkspace';
import { UploadQueue } from '../outbox/UploadQueue';
import { SignedOutUploads } from '../outbox/SignedOutUploads';
import { useOutbox } from '../outbox/useOutbox';
import { PatientBanner } from '../patients/PatientBanner';
import { PatientPicker } from '../patients/PatientPicker';
import { t } from '../strings';
import { AppHeader } from './AppHeader';
import { DemoStrip } from './DemoStrip';
import { SessionNotice } from './SessionNotice';
import { useAppSession } from './useAppSession';
import { WorkspaceTabs, type WorkspaceTab } from './WorkspaceTabs';

export function App() {
  const { startup, auth, setAuth, patient, setPatient, retryStart } = useAppSession();
  const outbox = useOutbox(auth?.state === 'signed-in');
  const [picking, setPicking] = useState(false);
  const [signOutError, setSignOutError] = useState<ErrorView | null>(null);
  const chooseButtonRef = useRef<HTMLButtonElement>(null);
  const selectedTabRef = useRef<HTMLButtonElement>(null);
  /** Set when the picker closes: the next thing to do is to add files or write, so focus goes to the open tab. */
  const focusWorkNext = useRef(false);
  const [tab, setTab] = useState<WorkspaceTab>('documents');
  const [readyFor, setReadyFor] = useState<readonly string[]>([]);
  const [tabPatientId, setTabPatientId] = useState<string | undefined>(undefined);
  const onReadyPatientsChange = useCallback((ids: readonly string[]) => setReadyFor(ids), []);

  // Files dropped for the previous patient are held with a prompt on the documents tab: a change of
  // patient brings that tab forward in the same render, so the prompt is seen and takes focus.
  if (patient?.id !== tabPatientId) {
    setTabPatientId(patient?.id);
    if (tab !== 'documents' && readyFor.some((id) => id !== patient?.id)) setTab('documents');
  }

  useEffect(() => {
    if (!focusWorkNext.current) return;
    const target = tab === 'documents' ? chooseButtonRef.current : selectedTabRef.current;
    if (target) {
      focusWorkNext.current = false;
      target.focus();
    }
  });

  if (startup.status === 'loading') {
    return (
      <p className="app-loading" role="status">
        {t.app.loading}
      </p>
    );
  }
  if (startup.status === 'failed') {
    return (
      <div className="app-loading">
        <ErrorMessage error={startup.error} context={t.app.startFailed} />
        <button type="button" className="button-primary" onClick={retryStart}>
          {t.app.tryAgain}
        </button>
      </div>
    );
  }

  const { info } = startup;
  const signedIn = auth?.state === 'signed-in';
  const showPicker = picking || patient === null;
  const filedForPatient = patient
    ? outbox.queue.items.filter((item) => item.patient.id === patient.id && item.state === 'sent').length
    : 0;

  function closePicker() {
    setPicking(false);
    focusWorkNext.current = true;
  }

  function patientChosen(chosen: PatientSummary) {
    setPatient(chosen);
    closePicker();
  }

  async function signOut() {
    setSignOutError(null);
    // The words typed in the last moments before Sign out still reach their patient's draft.
    await flushOpenDrafts();
    const outcome = await request('auth:signOut', null);
    if (outcome.ok) setAuth(outcome.value);
    else setSignOutError(outcome.error);
  }


  return (
    <div className="app">
      <AppHeader clinicName={info.profile.name} auth={auth} onSignOut={() => void signOut()} />
      {info.demo && <DemoStrip />}
      {auth && !auth.sessionPersists && <SessionNotice dismissedBefore={info.dismissedNotices.includes('session-not-persisted')} />}
      {signOutError && <ErrorMessage error={signOutError} />}
      <main className="workspace">
        {signedIn ? (
          <>
            <div className="workspace-main">
              {patient && <PatientBanner patient={patient} onChangePatient={showPicker ? undefined : () => setPicking(true)} />}
              {showPicker && (
                <PatientPicker current={patient} onChosen={patientChosen} onKeep={patient ? closePicker : undefined} dateOrder={info.profile.dateOrder} />
              )}
              <WorkspaceTabs
                selected={tab}
                onSelect={setTab}
                selectedTabRef={selectedTabRef}
                documents={
                  <FilingPanel
                    profileId={info.profile.id}
                    patient={patient}
                    onEnqueued={(items) => outbox.apply({ type: 'enqueued', items })}
                    chooseButtonRef={chooseButtonRef}
                    onReadyPatientsChange={onReadyPatientsChange}
                  />
                }
                note={<NotesWorkspace patient={patient} onQueued={(item) => outbox.apply({ type: 'enqueued', items: [item] })} />}
              />
            </div>
            <div className="workspace-side">
              <UploadQueue
                queue={outbox.queue}
                listed={outbox.listed}
                listError={outbox.listError}
                currentPatientId={patient?.id}
                onReply={outbox.apply}
              />
              {patient && <ChartDocuments key={patient.id} patientId={patient.id} filedCount={filedForPatient} />}
            </div>
          </>
        ) : (
          <div className="workspace-main">
            {auth && <SignInPanel clinicName={info.profile.name} auth={auth} onStatus={setAuth} />}
            <SignedOutUploads counts={outbox.queue.counts} />
          </div>
        )}
      </main>
    </div>
  );
}
