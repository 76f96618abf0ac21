import { useCallback, useEffect, useState } from 'react';
import { request, subscribe } from '../api/client';
import type { AppInfo, AuthStatus, ErrorView, PatientSummary } from '../api/types';

export type Startup =
  | { status: 'loading' }
  | { status: 'failed'; error: ErrorView }
  | { status: 'ready'; info: AppInfo };

/** Who is signed in to which clinic, and which patient is in the banner; kept in step with main's events. */
export function useAppSession() {
  const [startup, setStartup] = useState<Startup>({ status: 'loading' });
  const [auth, setAuth] = useState<AuthStatus | null>(null);
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const stopAuth = subscribe('auth:changed', setAuth);
    const stopPatient = subscribe('patients:activeChanged', setPatient);
    // Another clinic: start over from its own state rather than patching this one's.
    const stopProfile = subscribe('app:profileChanged', () => window.location.reload());
    return () => {
      stopAuth();
      stopPatient();
      stopProfile();
    };
  }, []);

  useEffect(() => {
    let stale = false;
    void Promise.all([request('app:info', null), request('auth:status', null), request('patients:active', null)]).then(
      ([info, status, active]) => {
        if (stale) return;
        if (!info.ok) return setStartup({ status: 'failed', error: info.error });
        if (!status.ok) return setStartup({ status: 'failed', error: status.error });
        setAuth(status.value);
        // No active patient is a normal start; a failure here only means the picker opens.
        if (active.ok) setPatient(active.value);
        setStartup({ status: 'ready', info: info.value });
      },
    );
    return () => {
      stale = true;
    };
  }, [attempt]);

  const retryStart = useCallback(() => {
    setStartup({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  return { startup, auth, setAuth, patient, setPatient, retryStart };
}
