import type { ReactNode } from 'react';
import type { NoteShape, NoteType, NoteWriting } from '../api/types';
import { t } from '../strings';
import { shownProblems, type ComposerProblem } from './noteChecks';
import { sectionText, withSectionText } from './noteWriting';

interface NoteFieldsProps {
  idPrefix: string;
  shape: NoteShape;
  noteTypes: readonly NoteType[];
  writing: NoteWriting;
  problems: readonly ComposerProblem[];
  touched: ReadonlySet<string>;
  attempted: boolean;
  disabled: boolean;
  onChange: (writing: NoteWriting) => void;
  onTouched: (field: string) => void;
}

export function noteFieldId(idPrefix: string, field: string): string {
  return `${idPrefix}-field-${field}`;
}

/** Note type, title and the words (one text, or one labelled text per section), each with its own problems beside it. */
export function NoteFields({ idPrefix, shape, noteTypes, writing, problems, touched, attempted, disabled, onChange, onTouched }: NoteFieldsProps) {
  const field = (name: string): FieldParts => {
    const id = noteFieldId(idPrefix, name);
    const shown = shownProblems(problems, name, touched, attempted);
    const problemsId = `${id}-problems`;
    return {
      input: {
        id,
        disabled,
        'aria-invalid': shown.length > 0 ? (true as const) : undefined,
        'aria-describedby': shown.length > 0 ? problemsId : undefined,
        onBlur: () => onTouched(name),
      },
      problems:
        shown.length > 0 ? (
          <ul className="field-problems" id={problemsId}>
            {shown.map((problem) => (
              <li key={problem.kind}>{problem.message}</li>
            ))}
          </ul>
        ) : null,
    };
  };

  const type = field('noteTypeId');
  const title = field('title');
  const known = noteTypes.some((noteType) => noteType.id === writing.noteTypeId);
  return (
    <div className="note-fields">
      <div className="note-field">
        <label htmlFor={type.input.id}>{t.notes.noteType}</label>
        <select {...type.input} value={known ? writing.noteTypeId : ''} onChange={(event) => onChange({ ...writing, noteTypeId: event.target.value })}>
          {!known && (
            <option value="" disabled>
              {t.notes.choose}
            </option>
          )}
          {noteTypes.map((noteType) => (
            <option key={noteType.id} value={noteType.id}>
              {noteType.label}
            </option>
          ))}
        </select>
        {type.problems}
      </div>
      <div className="note-field">
        <label htmlFor={title.input.id}>{t.notes.title}</label>
        <input type="text" {...title.input} value={writing.title} onChange={(event) => onChange({ ...writing, title: event.target.value })} />
        {title.problems}
      </div>
      {shape.kind === 'text' ? (
        <TextField {...field('text')} label={t.notes.text} rows={8} value={writing.content.kind === 'text' ? writing.content.text : ''} onText={(text) => onChange({ ...writing, content: { kind: 'text', text } })} />
      ) : (
        <fieldset className="note-sections" disabled={disabled}>
          <legend>{t.notes.sectionsLegend}</legend>
          {shape.sections.map((section) => (
            <TextField
              key={section.id}
              {...field(section.id)}
              label={section.label}
              rows={3}
              value={sectionText(writing.content, section.id)}
              onText={(text) => onChange({ ...writing, content: withSectionText(writing.content, section.id, text) })}
            />
          ))}
        </fieldset>
      )}
    </div>
  );
}

interface FieldParts {
  input: {
    id: string;
    disabled: boolean;
    'aria-invalid': true | undefined;
    'aria-describedby': string | undefined;
    onBlur: () => void;
  };
  problems: ReactNode;
}

interface TextFieldProps extends FieldParts {
  label: string;
  rows: number;
  value: string;
  onText: (text: string) => void;
}

function TextField({ input, problems, label, rows, value, onText }: TextFieldProps) {
  return (
    <div className="note-field">
      <label htmlFor={input.id}>{label}</label>
      <textarea {...input} rows={rows} value={value} spellCheck onChange={(event) => onText(event.target.value)} />
      {problems}
    </div>
  );
}
