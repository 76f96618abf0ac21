import { useId } from 'react';
import type { DocumentTarget } from '../api/types';
import { formatSize } from '../format';
import { t } from '../strings';
import { MAX_TITLE_LENGTH } from './fileNameFields';
import type { ReadyFile, ReadyFileField } from './readyFile';
import { Thumbnail } from './Thumbnail';

export function readyFieldId(fileId: string, field: ReadyFileField): string {
  return `ready-${encodeURIComponent(fileId)}-${field}`;
}

interface ReadyFileRowProps {
  ready: ReadyFile;
  targets: readonly DocumentTarget[];
  invalid: readonly ReadyFileField[];
  onChange: (changes: Partial<Pick<ReadyFile, 'title' | 'date' | 'targetId'>>) => void;
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
      </div>
      <button type="button" className="button-quiet ready-remove" aria-describedby={nameId} onClick={onRemove}>
        {t.ready.remove}
      </button>
    </li>
  );
}
