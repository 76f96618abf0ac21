import { useId } from 'react';
import type { TargetChoice } from '../../../common/document-targets';
import type { EarlierFiling } from '../api/types';
import { formatCalendarDate, formatInstant } from '../dates';
import { formatSize } from '../format';
import { t } from '../strings';
import { MAX_TITLE_LENGTH } from './fileNameFields';
import type { ReadyFile, ReadyFileChanges, ReadyFileField } from './readyFile';
import { Thumbnail } from './Thumbnail';

export function readyFieldId(fileId: string, field: ReadyFileField): string {
  return `ready-${encodeURIComponent(fileId)}-${field}`;
}

interface ReadyFileRowProps {
  ready: ReadyFile;
  targets: readonly TargetChoice[];
  invalid: readonly ReadyFileField[];
  onChange: (changes: ReadyFileChanges) => void;
  onRemove: () => void;
}

export function ReadyFileRow({ ready, targets, invalid, onChange, onRemove }: ReadyFileRowProps) {
  const nameId = useId();
  const { fileId, name, size, mime } = ready.dropped;
  const idFor = (field: ReadyFileField) => readyFieldId(fileId, field);

  return (
    <li className="ready-item" aria-labelledby={nameId}>
      <Thumbnail file={ready.file} mime={mime} />
      <div className="ready-body">
        <div className="ready-head">
          <p className="file-name" id={nameId}>
            {name}
          </p>
          <span className="muted">{formatSize(size)}</span>
        </div>
        <div className="field field-wide">
          <label htmlFor={idFor('title')}>{t.ready.title}</label>
          <input
            id={idFor('title')}
            type="text"
            value={ready.title}
            maxLength={MAX_TITLE_LENGTH}
            aria-invalid={invalid.includes('title') || undefined}
            onChange={(event) => onChange({ title: event.target.value })}
          />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={idFor('date')}>{t.ready.date}</label>
            <input
              id={idFor('date')}
              type="date"
              value={ready.date}
              aria-invalid={invalid.includes('date') || undefined}
              onChange={(event) => onChange({ date: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={idFor('targetId')}>{t.ready.type}</label>
            <select
              id={idFor('targetId')}
              value={ready.targetId}
              aria-invalid={invalid.includes('targetId') || undefined}
              onChange={(event) => onChange({ targetId: event.target.value })}
            >
              <option value="" disabled>
                {t.ready.choose}
              </option>
              {targets.map((target) => (
                <option key={target.id} value={target.id}>
                  {target.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        {ready.earlier && ready.earlier.length > 0 && (
          <DuplicateWarning
            earlier={ready.earlier}
            checkboxId={idFor('fileAgain')}
            checked={ready.fileAgain}
            invalid={invalid.includes('fileAgain')}
            onChange={(fileAgain) => onChange({ fileAgain })}
          />
        )}
      </div>
      <button type="button" className="button-quiet ready-remove" aria-describedby={nameId} onClick={onRemove}>
        {t.ready.remove}
      </button>
    </li>
  );
}

function describeFiling(filing: EarlierFiling): string {
  const when = filing.at ? formatInstant(filing.at) : filing.documentDate ? formatCalendarDate(filing.documentDate) : undefined;
  return t.duplicate.filing({
    queued: filing.status === 'queued',
    ...(when ? { when } : {}),
    ...(filing.by ? { by: filing.by } : {}),
    ...(filing.title ? { title: filing.title } : {}),
  });
}

interface DuplicateWarningProps {
  earlier: readonly EarlierFiling[];
  checkboxId: string;
  checked: boolean;
  invalid: boolean;
  onChange: (fileAgain: boolean) => void;
}

/** The same bytes are already in this patient's chart (or on their way): say when, by whom, as what, before anything is queued. */
function DuplicateWarning({ earlier, checkboxId, checked, invalid, onChange }: DuplicateWarningProps) {
  return (
    <div className="duplicate-warning" role="status">
      <p className="duplicate-summary">{t.duplicate.summary(earlier.length)}</p>
      <ul className="duplicate-list">
        {earlier.map((filing, index) => (
          <li key={index}>{describeFiling(filing)}</li>
        ))}
      </ul>
      <label className="checkbox" htmlFor={checkboxId}>
        <input id={checkboxId} type="checkbox" checked={checked} aria-invalid={invalid || undefined} onChange={(event) => onChange(event.target.checked)} />
        {t.duplicate.fileAgain}
      </label>
    </div>
  );
}
