import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { request } from '../api/client';
import type { ErrorView, PatientSummary } from '../api/types';
import { ErrorMessage } from '../ErrorMessage';
import { t } from '../strings';
import { useDebouncedValue } from '../useDebouncedValue';
import { describePatientQuery, parsePatientQuery } from './parsePatientQuery';
import type { DateOrder } from './readBirthDate';
import { handleListKey, optionId, PatientListbox } from './PatientListbox';
import { StartLists } from './StartLists';
import { usePatientSearch } from './usePatientSearch';

const SEARCH_DELAY_MS = 300;
const MIN_SEARCH_LENGTH = 2;

interface PatientPickerProps {
  current: PatientSummary | null;
  onChosen: (patient: PatientSummary) => void;
  /** Closes the picker and keeps the current patient; absent when there is none. */
  onKeep?: () => void;
  /** The clinic's day/month order for a typed numeric date (profile setting `dateOrder`). */
  dateOrder: DateOrder;
}

export function PatientPicker({ current, onChosen, onKeep, dateOrder }: PatientPickerProps) {
  const [text, setText] = useState('');
  const settled = useDebouncedValue(text, SEARCH_DELAY_MS);
  const parsed = useMemo(
    () => (settled.trim().length >= MIN_SEARCH_LENGTH ? parsePatientQuery(settled, dateOrder) : null),
    [settled, dateOrder],
  );
  const query = parsed?.query ?? null;
  const search = usePatientSearch(query);
  const [activeIndex, setActiveIndex] = useState(-1);
  const [selectError, setSelectError] = useState<ErrorView | null>(null);
  const [selecting, setSelecting] = useState(false);
  const resultsId = useId();
  const hintId = useId();
  const startListsRef = useRef<HTMLDivElement>(null);

  useEffect(() => setActiveIndex(-1), [search]);

  const typing = text.trim().length > 0;
  // Said once typing pauses, so the reading shown is the one being searched.
  const described = parsed ? describePatientQuery(parsed, dateOrder) : '';
  const hint = typing && settled === text ? described || t.picker.tooShort : '';
  const results = search.status === 'done' ? search.patients : [];
  const entries = results.map((patient) => ({ key: patient.id, patient }));

  async function choose(patient: PatientSummary) {
    setSelecting(true);
    setSelectError(null);
    const outcome = await request('patients:select', { patientId: patient.id });
    setSelecting(false);
    if (outcome.ok) onChosen(outcome.value);
    else setSelectError(outcome.error);
  }

  function onSearchKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape' && onKeep) {
      event.preventDefault();
      onKeep();
      return;
    }
    if (!typing && event.key === 'ArrowDown') {
      const firstList = startListsRef.current?.querySelector<HTMLElement>('[role="listbox"]');
      if (firstList) {
        event.preventDefault();
        firstList.focus();
      }
      return;
    }
    const used = handleListKey(event, entries.length, activeIndex, setActiveIndex, (index) => {
      const entry = entries[index];
      if (entry) void choose(entry.patient);
    });
    if (used) event.preventDefault();
  }

  return (
    <section className="panel picker" aria-labelledby="picker-heading">
      <div className="picker-head">
        <h2 id="picker-heading">{t.picker.heading}</h2>
        {onKeep && current && (
          <button type="button" className="button-quiet" onClick={onKeep}>
            {t.picker.keepCurrent(current.displayName)}
          </button>
        )}
      </div>
      <input
        type="search"
        className="picker-search"
        aria-label={t.picker.searchLabel}
        placeholder={t.picker.searchPlaceholder}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onSearchKeyDown}
        aria-controls={typing ? resultsId : undefined}
        aria-activedescendant={typing && activeIndex >= 0 ? optionId(resultsId, activeIndex) : undefined}
        aria-describedby={hintId}
        autoComplete="off"
        spellCheck={false}
        autoFocus
      />
      <p id={hintId} className="picker-hint">
        {hint}
      </p>
      {selecting && <p role="status">{t.picker.selecting}</p>}
      {selectError && <ErrorMessage error={selectError} />}

      {typing ? (
        <div className="picker-results">
          <p role="status" className={search.status === 'searching' ? 'picker-status' : 'visually-hidden'}>
            {search.status === 'searching' && t.picker.searching}
            {search.status === 'done' && results.length > 0 && t.picker.resultCount(results.length)}
          </p>
          {search.status === 'failed' && <ErrorMessage error={search.error} />}
          {search.status === 'done' && results.length === 0 && (
            <div className="empty-state" role="status">
              <p className="empty-title">{t.picker.noMatch}</p>
              <p>{t.picker.noMatchHint}</p>
            </div>
          )}
          {entries.length > 0 && (
            <PatientListbox
              id={resultsId}
              label={t.picker.resultsLabel}
              entries={entries}
              activeIndex={activeIndex}
              onActiveIndexChange={setActiveIndex}
              onChoose={(patient) => void choose(patient)}
            />
          )}
        </div>
      ) : (
        <div ref={startListsRef}>
          <StartLists onChoose={(patient) => void choose(patient)} />
        </div>
      )}
    </section>
  );
}
