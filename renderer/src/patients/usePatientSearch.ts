import { useEffect, useState } from 'react';
import { request } from '../api/client';
import type { ErrorView, PatientQuery, PatientSummary } from '../api/types';

export type SearchState =
  | { status: 'idle' }
  | { status: 'searching' }
  | { status: 'done'; patients: PatientSummary[] }
  | { status: 'failed'; error: ErrorView };

/** Runs the latest query only: an answer to an older one is dropped, since a newer query wins. */
export function usePatientSearch(query: PatientQuery | null): SearchState {
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const key = query ? JSON.stringify(query) : '';

  useEffect(() => {
    if (!key) {
      setState({ status: 'idle' });
      return;
    }
    let stale = false;
    setState({ status: 'searching' });
    void request('patients:search', JSON.parse(key) as PatientQuery).then((outcome) => {
      if (stale) return;
      setState(outcome.ok ? { status: 'done', patients: outcome.value } : { status: 'failed', error: outcome.error });
    });
    return () => {
      stale = true;
    };
  }, [key]);

  return state;
}
