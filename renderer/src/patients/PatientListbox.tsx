import { useId, type KeyboardEvent, type ReactNode } from 'react';
import type { PatientSummary } from '../api/types';
import { PatientDetails } from './PatientDetails';

export interface PatientEntry {
  key: string;
  patient: PatientSummary;
  /** A line shown above the patient, such as an appointment time. */
  note?: ReactNode;
}

interface PatientListboxProps {
  label: string;
  entries: readonly PatientEntry[];
  activeIndex: number;
  onActiveIndexChange: (index: number) => void;
  onChoose: (patient: PatientSummary) => void;
  id?: string;
}

export function optionId(listboxId: string, index: number): string {
  return `${listboxId}-option-${index}`;
}

/**
 * Arrow keys, Home/End and Enter shared by the listbox itself and the search box that drives the
 * results list. Returns true when the key was used.
 */
export function handleListKey(
  event: KeyboardEvent,
  count: number,
  activeIndex: number,
  setActive: (index: number) => void,
  choose: (index: number) => void,
): boolean {
  if (count === 0) return false;
  const moves: Record<string, number> = {
    ArrowDown: Math.min(count - 1, activeIndex + 1),
    ArrowUp: Math.max(0, activeIndex - 1),
    Home: 0,
    End: count - 1,
  };
  const next = moves[event.key];
  if (next !== undefined) {
    setActive(next);
    return true;
  }
  // Enter needs an option the user moved to: a list that just changed under a fast typist must
  // never pick a patient on its own.
  if (event.key === 'Enter' && activeIndex >= 0) {
    choose(activeIndex);
    return true;
  }
  return false;
}

export function PatientListbox({ label, entries, activeIndex, onActiveIndexChange, onChoose, id }: PatientListboxProps) {
  const generatedId = useId();
  const listboxId = id ?? generatedId;
  const choose = (index: number) => {
    const entry = entries[index];
    if (entry) onChoose(entry.patient);
  };

  return (
    <ul
      role="listbox"
      id={listboxId}
      aria-label={label}
      className="patient-listbox"
      tabIndex={0}
      aria-activedescendant={activeIndex >= 0 ? optionId(listboxId, activeIndex) : undefined}
      onFocus={() => activeIndex < 0 && onActiveIndexChange(0)}
      onKeyDown={(event) => {
        if (handleListKey(event, entries.length, activeIndex, onActiveIndexChange, choose)) event.preventDefault();
      }}
    >
      {entries.map((entry, index) => (
        <li
          key={entry.key}
          id={optionId(listboxId, index)}
          role="option"
          aria-selected={index === activeIndex}
          className="patient-option"
          onClick={() => onChoose(entry.patient)}
          onMouseMove={() => index !== activeIndex && onActiveIndexChange(index)}
        >
          {entry.note && <span className="patient-option-note">{entry.note}</span>}
          <PatientDetails patient={entry.patient} />
        </li>
      ))}
    </ul>
  );
}
