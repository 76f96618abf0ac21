import { useEffect, useId, useRef, useState } from 'react';
import type { NoteTemplate } from '../api/types';
import { t } from '../strings';

interface TemplatePickerProps {
  templates: readonly NoteTemplate[];
  disabled: boolean;
  /** Whether using a template would overwrite words the user typed. */
  wouldOverwrite: boolean;
  onUse: (template: NoteTemplate) => void;
}

/** Start a note from a template; words already typed are replaced only after the user says so. */
export function TemplatePicker({ templates, disabled, wouldOverwrite, onUse }: TemplatePickerProps) {
  const id = useId();
  const [chosenId, setChosenId] = useState('');
  const [asking, setAsking] = useState<NoteTemplate | null>(null);
  const questionRef = useRef<HTMLDivElement>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const visible = templates.filter((template) => !template.hidden);
  const chosen = visible.find((template) => template.id === chosenId);

  useEffect(() => {
    if (asking) questionRef.current?.focus();
  }, [asking]);

  function use() {
    if (!chosen) return;
    if (wouldOverwrite) return setAsking(chosen);
    onUse(chosen);
  }

  function answer(replace: boolean) {
    const template = asking;
    setAsking(null);
    if (replace && template) onUse(template);
    else selectRef.current?.focus();
  }

  return (
    <div className="template-picker">
      <div className="template-picker-row">
        <div className="note-field">
          <label htmlFor={`${id}-template`}>{t.notes.templates.label}</label>
          <select id={`${id}-template`} ref={selectRef} value={chosen ? chosen.id : ''} disabled={disabled} onChange={(event) => setChosenId(event.target.value)}>
            <option value="">{t.notes.templates.none}</option>
            {visible.map((template) => (
              <option key={template.id} value={template.id}>
                {template.name}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button-secondary" disabled={disabled || !chosen || asking !== null} onClick={use}>
          {t.notes.templates.use}
        </button>
      </div>
      {asking && (
        <div className="confirm" role="alertdialog" aria-labelledby={`${id}-question`} tabIndex={-1} ref={questionRef}>
          <p id={`${id}-question`}>{t.notes.templates.replaceQuestion(asking.name)}</p>
          <div className="confirm-actions">
            <button type="button" className="button-primary" onClick={() => answer(true)}>
              {t.notes.templates.replace}
            </button>
            <button type="button" className="button-quiet" onClick={() => answer(false)}>
              {t.notes.templates.keep}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
