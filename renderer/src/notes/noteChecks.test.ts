import { describe, expect, it } from 'vitest';
import type { NoteWriting } from '../api/types';
import { characterFix, composerProblems, shownProblems } from './noteChecks';

const TYPES = [{ id: 'loinc|11506-3', label: 'Progress note' }];
const unicode = { shape: { kind: 'text' as const }, rules: { minLength: 1, maxLength: 20, titleMaxLength: 10, charset: 'unicode' as const } };
const ascii = { ...unicode, rules: { ...unicode.rules, charset: 'ascii' as const } };

function note(text: string, title = 'Call', noteTypeId = 'loinc|11506-3'): NoteWriting {
  return { noteTypeId, title, content: { kind: 'text', text } };
}

describe('what would stop the note from being sent', () => {
  it('asks for a note type the EMR lists', () => {
    expect(composerProblems(note('ok', 'Call', 'gone'), unicode, TYPES).map((p) => p.kind)).toEqual(['no-type']);
    expect(composerProblems(note('ok'), unicode, TYPES)).toEqual([]);
  });

  it('adds the EMR’s own rules: too long, refused characters', () => {
    expect(composerProblems(note('x'.repeat(21)), unicode, TYPES).map((p) => [p.field, p.kind])).toEqual([['text', 'too-long']]);
    expect(composerProblems(note('café “ok”'), ascii, TYPES).map((p) => [p.field, p.kind])).toEqual([['text', 'refused-characters']]);
  });
});

describe('which problems show by a field', () => {
  const problems = composerProblems(note(''), unicode, TYPES);
  const long = composerProblems(note('x'.repeat(21)), unicode, TYPES);

  it('holds back "empty" until the field was visited or Send was tried', () => {
    expect(shownProblems(problems, 'text', new Set(), false)).toEqual([]);
    expect(shownProblems(problems, 'text', new Set(['text']), false).map((p) => p.kind)).toEqual(['empty']);
    expect(shownProblems(problems, 'text', new Set(), true).map((p) => p.kind)).toEqual(['empty']);
    expect(shownProblems(problems, 'title', new Set(), true)).toEqual([]);
  });

  it('shows "too long" at once', () => {
    expect(shownProblems(long, 'text', new Set(), false).map((p) => p.kind)).toEqual(['too-long']);
  });
});

describe('the character fix', () => {
  it('lists each change with its count and fixes the title and text alike', () => {
    const fix = characterFix(note('Mrs “Lévesque” – café…', 'Appel à'));
    expect(fix?.fixed.title).toBe('Appel a');
    expect(fix?.fixed.content).toEqual({ kind: 'text', text: 'Mrs "Levesque" - cafe...' });
    expect(fix?.changes).toEqual(
      expect.arrayContaining([
        { from: '“', to: '"', count: 1 },
        { from: '”', to: '"', count: 1 },
        { from: '…', to: '...', count: 1 },
      ]),
    );
    const roomy = { ...ascii, rules: { ...ascii.rules, maxLength: 100 } };
    expect(composerProblems(fix?.fixed ?? note(''), roomy, TYPES)).toEqual([]);
  });

  it('offers nothing when nothing would change', () => {
    expect(characterFix(note('plain words'))).toBeNull();
  });
});
