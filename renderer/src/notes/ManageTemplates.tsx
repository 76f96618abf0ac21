import { useId, useState, type FormEvent } from 'react';
import { request } from '../api/client';
import type { ErrorView, NoteContent, NoteShape, NoteTemplate, NoteWriting } from '../api/types';
import { ErrorMessage } from '../ErrorMessage';
import { templateContent } from '../../../common/template-content';
import { t } from '../strings';
import { hasWords, sectionText, templateBodyFrom, withSectionText } from './noteWriting';

interface ManageTemplatesProps {
  /** Every template, hidden built-ins included. */
  templates: readonly NoteTemplate[];
  shape: NoteShape;
  /** The note on screen, for "save this note as a template". */
  writing: NoteWriting;
  onChanged: () => void;
}

/**
 * The user's own templates: save the note on screen as one, edit or delete them; built-ins can
 * only be hidden and shown again (main keeps them as shipped so an update can improve them).
 */
export function ManageTemplates({ templates, shape, writing, onChanged }: ManageTemplatesProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [nameMissing, setNameMissing] = useState(false);
  const [editing, setEditing] = useState<NoteTemplate | null>(null);
  const [removing, setRemoving] = useState<NoteTemplate | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);

  async function act(outcome: Promise<{ ok: true } | { ok: false; error: ErrorView }>, done: () => void) {
    setError(null);
    setSaved(null);
    const result = await outcome;
    if (!result.ok) return setError(result.error);
    done();
    onChanged();
  }

  function saveCurrent(event: FormEvent) {
    event.preventDefault();
    if (name.trim() === '') return setNameMissing(true);
    const body = templateBodyFrom(name, writing, shape);
    void act(request('notes:saveTemplate', { body }), () => {
      setSaved(body.name);
      setName('');
      setNameMissing(false);
    });
  }

  const panelId = `${id}-panel`;
  return (
    <div className="manage-templates">
      <button type="button" className="button-quiet" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((was) => !was)}>
        {t.notes.templates.manage}
      </button>
      <section id={panelId} className="manage-templates-panel" aria-labelledby={`${id}-heading`} hidden={!open}>
        <h3 id={`${id}-heading`}>{t.notes.templates.heading}</h3>
        {error && <ErrorMessage error={error} />}
        {saved && (
          <p className="notes-status" role="status">
            {t.notes.templates.saved(saved)}
          </p>
        )}
        <form className="template-save" onSubmit={saveCurrent}>
          <div className="note-field">
            <label htmlFor={`${id}-name`}>{t.notes.templates.name}</label>
            <input
              id={`${id}-name`}
              type="text"
              maxLength={80}
              value={name}
              aria-invalid={nameMissing || undefined}
              aria-describedby={nameMissing ? `${id}-name-problem` : undefined}
              onChange={(event) => setName(event.target.value)}
            />
            {nameMissing && (
              <p className="field-problems" id={`${id}-name-problem`}>
                {t.notes.templates.nameMissing}
              </p>
            )}
          </div>
          <button type="submit" className="button-secondary" disabled={!hasWords(writing)}>
            {t.notes.templates.saveCurrent}
          </button>
        </form>
        <ul className="template-list" aria-label={t.notes.templates.listLabel}>
          {templates.map((template) => (
            <li key={template.id} className="template-row">
              <span className="template-name">
                {template.name}
                {template.builtIn && <span className="tag">{t.notes.templates.builtIn}</span>}
                {template.hidden && <span className="tag">{t.notes.templates.hidden}</span>}
              </span>
              <span className="template-actions">
                {template.builtIn ? (
                  <button
                    type="button"
                    className="button-quiet"
                    onClick={() => void act(request('notes:setTemplateHidden', { id: template.id, hidden: !template.hidden }), () => undefined)}
                  >
                    {template.hidden ? t.notes.templates.show(template.name) : t.notes.templates.hide(template.name)}
                  </button>
                ) : (
                  <>
                    <button type="button" className="button-quiet" onClick={() => setEditing(template)}>
                      {t.notes.templates.edit(template.name)}
                    </button>
                    <button type="button" className="button-quiet" onClick={() => setRemoving(template)}>
                      {t.notes.templates.remove(template.name)}
                    </button>
                  </>
                )}
              </span>
              {removing?.id === template.id && (
                <div className="confirm" role="alertdialog" aria-labelledby={`${id}-remove-${template.id}`}>
                  <p id={`${id}-remove-${template.id}`}>{t.notes.templates.removeQuestion(template.name)}</p>
                  <div className="confirm-actions">
                    <button
                      type="button"
                      className="button-primary"
                      autoFocus
                      onClick={() => void act(request('notes:removeTemplate', { id: template.id }), () => setRemoving(null))}
                    >
                      {t.notes.templates.removeConfirm}
                    </button>
                    <button type="button" className="button-quiet" onClick={() => setRemoving(null)}>
                      {t.notes.templates.cancel}
                    </button>
                  </div>
                </div>
              )}
              {editing?.id === template.id && (
                <TemplateEditor
                  template={template}
                  shape={shape}
                  onCancel={() => setEditing(null)}
                  onSave={(edited) =>
                    void act(request('notes:saveTemplate', { id: template.id, body: templateBodyFrom(edited.name, edited, shape, template) }), () => {
                      setEditing(null);
                      setSaved(edited.name.trim());
                    })
                  }
                />
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

interface EditedTemplate {
  name: string;
  title: string;
  content: NoteContent;
}

function TemplateEditor({ template, shape, onSave, onCancel }: { template: NoteTemplate; shape: NoteShape; onSave: (edited: EditedTemplate) => void; onCancel: () => void }) {
  const id = useId();
  const [edited, setEdited] = useState<EditedTemplate>({ name: template.name, title: template.title, content: templateContent(template, shape) });
  const nameMissing = edited.name.trim() === '';

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!nameMissing) onSave(edited);
  }

  return (
    <form className="template-editor" aria-labelledby={`${id}-heading`} onSubmit={submit}>
      <h4 id={`${id}-heading`}>{t.notes.templates.editHeading(template.name)}</h4>
      <div className="note-field">
        <label htmlFor={`${id}-name`}>{t.notes.templates.name}</label>
        <input
          id={`${id}-name`}
          type="text"
          maxLength={80}
          autoFocus
          value={edited.name}
          aria-invalid={nameMissing || undefined}
          aria-describedby={nameMissing ? `${id}-name-problem` : undefined}
          onChange={(event) => setEdited({ ...edited, name: event.target.value })}
        />
        {nameMissing && (
          <p className="field-problems" id={`${id}-name-problem`}>
            {t.notes.templates.nameMissing}
          </p>
        )}
      </div>
      <div className="note-field">
        <label htmlFor={`${id}-title`}>{t.notes.title}</label>
        <input id={`${id}-title`} type="text" maxLength={200} value={edited.title} onChange={(event) => setEdited({ ...edited, title: event.target.value })} />
      </div>
      {shape.kind === 'text' ? (
        <div className="note-field">
          <label htmlFor={`${id}-text`}>{t.notes.text}</label>
          <textarea
            id={`${id}-text`}
            rows={6}
            value={edited.content.kind === 'text' ? edited.content.text : ''}
            onChange={(event) => setEdited({ ...edited, content: { kind: 'text', text: event.target.value } })}
          />
        </div>
      ) : (
        shape.sections.map((section) => (
          <div className="note-field" key={section.id}>
            <label htmlFor={`${id}-${section.id}`}>{section.label}</label>
            <textarea
              id={`${id}-${section.id}`}
              rows={3}
              value={sectionText(edited.content, section.id)}
              onChange={(event) => setEdited({ ...edited, content: withSectionText(edited.content, section.id, event.target.value) })}
            />
          </div>
        ))
      )}
      <div className="confirm-actions">
        <button type="submit" className="button-primary" disabled={nameMissing}>
          {t.notes.templates.save}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          {t.notes.templates.cancel}
        </button>
      </div>
    </form>
  );
}
