import { useState } from 'react';
import type { PatientSummary } from '../api/types';
import { formatClockTime } from '../dates';
import { ErrorMessage } from '../ErrorMessage';
import { t } from '../strings';
import { PatientListbox, type PatientEntry } from './PatientListbox';
import { useStartLists, type ListState } from './useStartLists';

interface StartListProps<T> {
  heading: string;
  empty: string;
  state: ListState<T>;
  toEntry: (item: T) => PatientEntry;
  onChoose: (patient: PatientSummary) => void;
}

function StartList<T>({ heading, empty, state, toEntry, onChoose }: StartListProps<T>) {
  const [activeIndex, setActiveIndex] = useState(-1);
  if (state.status === 'hidden') return null;
  return (
    <section className="start-list">
      <h3>{heading}</h3>
      {state.status === 'loading' && <p className="muted">{t.picker.loadingList}</p>}
      {state.status === 'failed' && <ErrorMessage error={state.error} announce={false} />}
      {state.status === 'ready' &&
        (state.items.length === 0 ? (
          <p className="muted">{empty}</p>
        ) : (
          <PatientListbox
            label={heading}
            entries={state.items.map(toEntry)}
            activeIndex={activeIndex}
            onActiveIndexChange={setActiveIndex}
            onChoose={onChoose}
          />
        ))}
    </section>
  );
}

export function StartLists({ onChoose }: { onChoose: (patient: PatientSummary) => void }) {
  const { appointments, recent } = useStartLists();
  return (
    <>
      <StartList
        heading={t.picker.appointments}
        empty={t.picker.noAppointments}
        state={appointments}
        toEntry={(appointment) => ({
          key: appointment.id,
          patient: appointment.patient,
          note: [formatClockTime(appointment.start), appointment.description].filter(Boolean).join(' — '),
        })}
        onChoose={onChoose}
      />
      <StartList
        heading={t.picker.recent}
        empty={t.picker.noRecent}
        state={recent}
        toEntry={(patient) => ({ key: patient.id, patient })}
        onChoose={onChoose}
      />
    </>
  );
}
