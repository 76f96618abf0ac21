import { useEffect, useState } from 'react';
import { request } from '../api/client';
import type { AppointmentSummary, ErrorView, PatientSummary } from '../api/types';

export type ListState<T> =
  | { status: 'loading' }
  | { status: 'ready'; items: T[] }
  | { status: 'failed'; error: ErrorView }
  /** The EMR has no appointments API: the list is not shown at all. */
  | { status: 'hidden' };

/** What the picker offers before anything is typed: today's appointments and recent patients. */
export function useStartLists() {
  const [appointments, setAppointments] = useState<ListState<AppointmentSummary>>({ status: 'loading' });
  const [recent, setRecent] = useState<ListState<PatientSummary>>({ status: 'loading' });

  useEffect(() => {
    let stale = false;
    void request('patients:appointments', null).then((outcome) => {
      if (stale) return;
      if (outcome.ok) setAppointments({ status: 'ready', items: outcome.value });
      else setAppointments(outcome.error.kind === 'unsupported' ? { status: 'hidden' } : { status: 'failed', error: outcome.error });
    });
    void request('patients:recent', null).then((outcome) => {
      if (stale) return;
      setRecent(outcome.ok ? { status: 'ready', items: outcome.value } : { status: 'failed', error: outcome.error });
    });
    return () => {
      stale = true;
    };
  }, []);

  return { appointments, recent };
}
