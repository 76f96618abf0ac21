import type { NoteContent, NoteShape, NoteTemplateBody, NoteWriting } from '../api/types';

/**
 * The composer's words in the EMR's note shape: one text, or one text per section (SOAP). Pure,
 * so what a template or an old draft puts in the fields is tested without a screen.
 */

export function emptyContent(shape: NoteShape): NoteContent {
  return shape.kind === 'text' ? { kind: 'text', text: '' } : { kind: 'sections', sections: shape.sections.map((section) => ({ id: section.id, text: '' })) };
}

export function emptyWriting(shape: NoteShape, noteTypeId: string): NoteWriting {
  return { noteTypeId, title: '', content: emptyContent(shape) };
}

/** Whether anything was typed: a note type alone is a choice, not words to keep or lose. */
export function hasWords(writing: Pick<NoteWriting, 'title' | 'content'>): boolean {
  if (writing.title.trim() !== '') return true;
  return writing.content.kind === 'text' ? writing.content.text.trim() !== '' : writing.content.sections.some((section) => section.text.trim() !== '');
}

export function sectionText(content: NoteContent, id: string): string {
  if (content.kind !== 'sections') return '';
  return content.sections.find((section) => section.id === id)?.text ?? '';
}

export function withSectionText(content: NoteContent, id: string, text: string): NoteContent {
  if (content.kind !== 'sections') return content;
  const known = content.sections.some((section) => section.id === id);
  return {
    kind: 'sections',
    sections: known ? content.sections.map((section) => (section.id === id ? { id, text } : section)) : [...content.sections, { id, text }],
  };
}

/**
 * A draft's words fitted to the shape the EMR takes now (the clinic's EMR may have changed how it
 * takes notes since the draft was written). Nothing is dropped: words that have no field of their
 * own go into the first field, in order, where the writer sees them.
 */
export function fitContent(content: NoteContent, shape: NoteShape): NoteContent {
  if (shape.kind === 'text') {
    if (content.kind === 'text') return content;
    return { kind: 'text', text: content.sections.map((section) => section.text).filter((text) => text.trim() !== '').join('\n\n') };
  }
  const known = new Set(shape.sections.map((section) => section.id));
  const strays =
    content.kind === 'text'
      ? [content.text]
      : content.sections.filter((section) => !known.has(section.id)).map((section) => section.text);
  const extra = strays.filter((text) => text.trim() !== '');
  return {
    kind: 'sections',
    sections: shape.sections.map((section, index) => {
      const own = sectionText(content, section.id);
      const text = index === 0 ? [own, ...extra].filter((part) => part.trim() !== '').join('\n\n') : own;
      return { id: section.id, text };
    }),
  };
}

/**
 * The note as a template body. The words go where this EMR's shape keeps them; the other shape's
 * part is kept from the template being edited, so editing at one clinic does not wipe what the
 * template holds for an EMR of the other shape.
 */
export function templateBodyFrom(
  name: string,
  writing: Pick<NoteWriting, 'title' | 'content'>,
  shape: NoteShape,
  previous?: Pick<NoteTemplateBody, 'text' | 'sections'>,
): NoteTemplateBody {
  if (shape.kind === 'text') {
    const text = writing.content.kind === 'text' ? writing.content.text : '';
    return { name: name.trim(), title: writing.title, text, sections: previous?.sections ?? [] };
  }
  const sections = shape.sections.map((section) => ({ id: section.id, label: section.label, text: sectionText(writing.content, section.id) }));
  return { name: name.trim(), title: writing.title, text: previous?.text ?? '', sections };
}
