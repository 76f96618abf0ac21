import type { NoteShapeSlice } from './note-rules.js';

/** The words of a note template for either note shape (main/notes/note-schemas.ts `NoteTemplateBody`). */
export interface TemplateWords {
  text: string;
  sections: readonly { id: string; label: string; text: string }[];
}

/**
 * What a template puts in the composer for the EMR's note shape. A template written for the other
 * shape still helps: sections are joined under their labels into one text, and a text goes into
 * the first section when no section of the template matches the EMR's.
 */
/** A fresh note's content, which the composer goes on to edit: mutable, unlike `NoteContentSlice`. */
export type FilledContent = { kind: 'text'; text: string } | { kind: 'sections'; sections: { id: string; text: string }[] };

export function templateContent(template: TemplateWords, shape: NoteShapeSlice): FilledContent {
  const filled = template.sections.filter((section) => section.text.trim() !== '');
  if (shape.kind === 'text') {
    return { kind: 'text', text: template.text.trim() !== '' ? template.text : filled.map((section) => `${section.label}: ${section.text}`).join('\n\n') };
  }
  const byId = new Map(filled.map((section) => [section.id, section.text]));
  const matches = shape.sections.some((section) => byId.has(section.id));
  return {
    kind: 'sections',
    sections: shape.sections.map((section, index) => ({
      id: section.id,
      text: matches ? (byId.get(section.id) ?? '') : index === 0 ? template.text : '',
    })),
  };
}
