import { asciiFixNote, checkNote, type AsciiChange, type NoteProblem, type NoteRulesSlice } from '../../../common/note-rules';
import type { NoteContent, NoteShape, NoteType, NoteWriting } from '../api/types';
import { t } from '../strings';

export type ComposerProblem = NoteProblem | { field: 'noteTypeId'; kind: 'no-type'; message: string };

/** Everything main would refuse, the note type included: Send stays disabled while this is not empty. */
export function composerProblems(writing: NoteWriting, notes: { shape: NoteShape; rules: NoteRulesSlice }, noteTypes: readonly NoteType[]): ComposerProblem[] {
  const typeProblem: ComposerProblem[] = noteTypes.some((type) => type.id === writing.noteTypeId) ? [] : [{ field: 'noteTypeId', kind: 'no-type', message: t.notes.chooseType }];
  return [...typeProblem, ...checkNote({ title: writing.title, content: writing.content }, notes)];
}

/**
 * Which problems to show by a field. "Empty" and "too short" wait until the user has been in the
 * field (or tried to send): a fresh composer full of red is noise. What the server would refuse
 * in words already written — too long, refused characters — shows at once.
 */
export function shownProblems(problems: readonly ComposerProblem[], field: string, touched: ReadonlySet<string>, attempted: boolean): ComposerProblem[] {
  return problems.filter((problem) => {
    if (problem.field !== field) return false;
    if (problem.kind === 'empty' || problem.kind === 'too-short' || problem.kind === 'no-type') return attempted || touched.has(field);
    return true;
  });
}

export interface CharacterFix {
  fixed: NoteWriting;
  changes: AsciiChange[];
}

/** The one-click fix for an ASCII-only EMR, or null when it would change nothing. */
export function characterFix(writing: NoteWriting): CharacterFix | null {
  const { title, content, changes } = asciiFixNote({ title: writing.title, content: writing.content });
  if (changes.length === 0) return null;
  const fixedContent: NoteContent = content.kind === 'text' ? content : { kind: 'sections', sections: content.sections.map((section) => ({ ...section })) };
  return { fixed: { ...writing, title, content: fixedContent }, changes };
}
