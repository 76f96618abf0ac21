/**
 * The live check of a note against the connector's note rules (issue 11 item 3): what the server
 * would refuse, worded for the person writing it. Pure, with no imports from main/ or renderer/, so
 * the composer checks as the user types and main checks again before anything is queued; the
 * shapes below are the slices of main/emr/model.ts (`NoteShape`, `NoteRules`, `NoteContent`) it reads.
 */
import { asciiFix, describeCharacter, isAsciiAllowed, type AsciiChange } from './note-rules-ascii.js';

export { asciiFix, describeCharacter, type AsciiChange, type AsciiFix } from './note-rules-ascii.js';

export type NoteShapeSlice = { kind: 'text' } | { kind: 'sections'; sections: readonly { id: string; label: string }[] };

export interface NoteRulesSlice {
  minLength: number;
  maxLength: number;
  titleMaxLength: number;
  charset: 'unicode' | 'ascii';
}

export type NoteContentSlice = { kind: 'text'; text: string } | { kind: 'sections'; sections: readonly { id: string; text: string }[] };

export interface NoteWords {
  title: string;
  content: NoteContentSlice;
}

/** `field` is 'title', 'text', or a section's id, so the composer can mark the field itself. */
export type NoteProblem =
  | { field: string; kind: 'empty'; message: string }
  | { field: string; kind: 'too-short' | 'too-long'; message: string; length: number; limit: number }
  /** `characters`: each one the server refuses, once, in order of appearance; `fixable`: `asciiFix` changes some of them. */
  | { field: string; kind: 'refused-characters'; message: string; characters: string[]; fixable: boolean }
  /** A draft written for another note shape (the EMR changed how it takes notes): nothing is dropped unseen. */
  | { field: string; kind: 'wrong-shape'; message: string };

/** Characters as the rules count them: code points, so an emoji outside the BMP is one, not two UTF-16 units. */
export function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

const LISTED_CHARACTERS = 5;

/** Every problem that would make the server refuse the note, title first, then the fields in the shape's order. */
export function checkNote(note: NoteWords, notes: { shape: NoteShapeSlice; rules: NoteRulesSlice }): NoteProblem[] {
  const { shape, rules } = notes;
  const problems: NoteProblem[] = [];
  const titleLength = countCharacters(note.title);
  if (titleLength > rules.titleMaxLength) problems.push(tooLong('title', 'The title', titleLength, rules.titleMaxLength));
  problems.push(...refusedCharacters('title', 'The title', note.title, rules));

  if (shape.kind === 'text') {
    if (note.content.kind !== 'text') return [...problems, wrongShape('text')];
    if (note.content.text.trim() === '') return [...problems, { field: 'text', kind: 'empty', message: 'The note is empty.' }];
    return [...problems, ...checkField('text', 'The note', note.content.text, rules)];
  }

  const first = shape.sections[0]?.id ?? 'text';
  if (note.content.kind !== 'sections') return [...problems, wrongShape(first)];
  const written = new Map(note.content.sections.map((section) => [section.id, section.text]));
  const known = new Set(shape.sections.map((section) => section.id));
  const strays = [...written].filter(([id, text]) => !known.has(id) && text.trim() !== '');
  if (strays.length > 0) return [...problems, ...strays.map(([id]) => wrongShape(id))];
  // Empty sections are left out of what is sent; only a note with no words at all is refused.
  const filled = shape.sections.filter((section) => (written.get(section.id) ?? '').trim() !== '');
  if (filled.length === 0) return [...problems, { field: first, kind: 'empty', message: 'The note is empty: write in at least one section.' }];
  return [...problems, ...filled.flatMap((section) => checkField(section.id, section.label, written.get(section.id) ?? '', rules))];
}

function checkField(field: string, label: string, text: string, rules: NoteRulesSlice): NoteProblem[] {
  const problems: NoteProblem[] = [];
  // Leading and trailing spaces are not words, so they do not count towards the minimum; they are
  // still sent, so they count towards the maximum.
  const words = countCharacters(text.trim());
  const length = countCharacters(text);
  if (words < rules.minLength) {
    problems.push({ field, kind: 'too-short', length: words, limit: rules.minLength, message: `${label} is too short: ${characters(words)}, this EMR needs at least ${figure(rules.minLength)}.` });
  }
  if (length > rules.maxLength) problems.push(tooLong(field, label, length, rules.maxLength));
  problems.push(...refusedCharacters(field, label, text, rules));
  return problems;
}

function tooLong(field: string, label: string, length: number, limit: number): NoteProblem {
  return { field, kind: 'too-long', length, limit, message: `${label} is too long: ${characters(length)}, this EMR takes at most ${figure(limit)}.` };
}

function refusedCharacters(field: string, label: string, text: string, rules: NoteRulesSlice): NoteProblem[] {
  if (rules.charset === 'unicode') return [];
  const refused = [...new Set(text.match(/\P{M}\p{M}*|\p{M}+/gu) ?? [])].filter((character) => !isAsciiAllowed(character));
  if (refused.length === 0) return [];
  const shown = refused.slice(0, LISTED_CHARACTERS).map(describeCharacter);
  const more = refused.length - shown.length;
  const list = more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
  const fixable = asciiFix(text).changes.length > 0;
  return [{ field, kind: 'refused-characters', characters: refused, fixable, message: `${label} has characters this EMR does not accept: ${list}.` }];
}

function wrongShape(field: string): NoteProblem {
  return { field, kind: 'wrong-shape', message: 'This note was written for a different kind of note than this EMR takes: copy its words into the fields shown.' };
}

function figure(count: number): string {
  return count.toLocaleString('en-CA');
}

function characters(count: number): string {
  return `${figure(count)} ${count === 1 ? 'character' : 'characters'}`;
}

/** `asciiFix` over every field of a note, with the changes of all fields added up, for the one-click fix. */
export function asciiFixNote(note: NoteWords): NoteWords & { changes: AsciiChange[] } {
  const changes = new Map<string, AsciiChange>();
  const fix = (text: string) => {
    const fixed = asciiFix(text);
    for (const change of fixed.changes) {
      const key = `${change.from}\u0000${change.to}`;
      const known = changes.get(key);
      if (known) known.count += change.count;
      else changes.set(key, { ...change });
    }
    return fixed.text;
  };
  const title = fix(note.title);
  const content: NoteContentSlice =
    note.content.kind === 'text' ? { kind: 'text', text: fix(note.content.text) } : { kind: 'sections', sections: note.content.sections.map((section) => ({ id: section.id, text: fix(section.text) })) };
  return { title, content, changes: [...changes.values()] };
}
