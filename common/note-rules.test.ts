import { describe, expect, it } from 'vitest';
import type { Capabilities, NoteContent } from '../main/emr/model.js';
import { SOAP_SHAPE, TEXT_SHAPE } from '../tests/support/note-shapes.js';
import { asciiFix, asciiFixNote, checkNote, countCharacters, type NoteContentSlice, type NoteRulesSlice } from './note-rules.js';

const unicode: NoteRulesSlice = { minLength: 1, maxLength: 20, titleMaxLength: 10, charset: 'unicode' };
const ascii: NoteRulesSlice = { ...unicode, maxLength: 1000, titleMaxLength: 100, charset: 'ascii' };
const text = (words: string): NoteContentSlice => ({ kind: 'text', text: words });
const sections = (words: Record<string, string>): NoteContentSlice => ({ kind: 'sections', sections: Object.entries(words).map(([id, t]) => ({ id, text: t })) });

describe('the slices fit the contract', () => {
  it('takes the capabilities and note content main defines without a cast', () => {
    const notes: Capabilities['notes'] = { shape: { kind: 'text' }, rules: unicode };
    const content: NoteContent = { kind: 'text', text: 'Seen today.' };
    expect(checkNote({ title: '', content }, notes)).toEqual([]);
  });
});

describe('checkNote', () => {
  it('finds nothing wrong with a note within the rules', () => {
    expect(checkNote({ title: 'Phone call', content: text('Called back.') }, { shape: TEXT_SHAPE, rules: unicode })).toEqual([]);
  });

  it('refuses an empty note, and one of spaces and newlines only', () => {
    for (const words of ['', '  \n\t ']) {
      expect(checkNote({ title: 'T', content: text(words) }, { shape: TEXT_SHAPE, rules: unicode })).toEqual([{ field: 'text', kind: 'empty', message: 'The note is empty.' }]);
    }
  });

  it('says a field is too short with both figures, not counting surrounding spaces', () => {
    const [problem] = checkNote({ title: '', content: text('  a  ') }, { shape: TEXT_SHAPE, rules: { ...unicode, minLength: 2 } });
    expect(problem).toMatchObject({ field: 'text', kind: 'too-short', length: 1, limit: 2 });
    expect(problem?.message).toBe('The note is too short: 1 character, this EMR needs at least 2.');
  });

  it('says a field is too long with both figures', () => {
    const [problem] = checkNote({ title: '', content: text('x'.repeat(5230)) }, { shape: TEXT_SHAPE, rules: { ...unicode, maxLength: 5000 } });
    expect(problem).toMatchObject({ field: 'text', kind: 'too-long', length: 5230, limit: 5000 });
    expect(problem?.message).toBe('The note is too long: 5,230 characters, this EMR takes at most 5,000.');
  });

  it('checks the title against its own limit and does not require one', () => {
    expect(checkNote({ title: 'Prescription renewal', content: text('ok') }, { shape: TEXT_SHAPE, rules: unicode })).toEqual([
      { field: 'title', kind: 'too-long', length: 20, limit: 10, message: 'The title is too long: 20 characters, this EMR takes at most 10.' },
    ]);
    expect(checkNote({ title: '', content: text('ok') }, { shape: TEXT_SHAPE, rules: unicode })).toEqual([]);
  });

  it('counts code points, so an emoji is one character and a skin-toned one two', () => {
    expect(countCharacters('😀')).toBe(1);
    expect(countCharacters('👍🏽')).toBe(2);
    const rules = { ...unicode, maxLength: 3 };
    expect(checkNote({ title: '', content: text('ok😀') }, { shape: TEXT_SHAPE, rules })).toEqual([]);
    expect(checkNote({ title: '', content: text('ok😀😀') }, { shape: TEXT_SHAPE, rules })).toMatchObject([{ kind: 'too-long', length: 4, limit: 3 }]);
  });

  it('lists the characters an ASCII-only EMR refuses, a few at most, invisible ones by name', () => {
    const [problem] = checkNote({ title: '', content: text('“Better” — café\u00a0at 5°, ½ tab, 日本') }, { shape: TEXT_SHAPE, rules: ascii });
    expect(problem).toMatchObject({ field: 'text', kind: 'refused-characters', characters: ['“', '”', '—', 'é', '\u00a0', '°', '½', '日', '本'], fixable: true });
    expect(problem?.message).toBe('The note has characters this EMR does not accept: “, ”, —, é, non-breaking space and 4 more.');
  });

  it('accepts tab, newlines and every printable ASCII character', () => {
    let printable = '';
    for (let code = 0x20; code <= 0x7e; code += 1) printable += String.fromCharCode(code);
    expect(checkNote({ title: 'a\tb', content: text(`${printable}\t\r\n`) }, { shape: TEXT_SHAPE, rules: ascii })).toEqual([]);
  });

  it('says when the fix cannot help', () => {
    const [problem] = checkNote({ title: '', content: text('Patient 李') }, { shape: TEXT_SHAPE, rules: ascii });
    expect(problem).toMatchObject({ kind: 'refused-characters', characters: ['李'], fixable: false });
  });

  it('takes a SOAP note with some sections left empty, checking only those written', () => {
    const rules = { ...unicode, minLength: 2 };
    expect(checkNote({ title: '', content: sections({ subjective: 'Cough x 3 days', plan: 'Fluids' }) }, { shape: SOAP_SHAPE, rules })).toEqual([]);
    expect(checkNote({ title: '', content: sections({ subjective: 'Cough', objective: '', assessment: 'x', plan: 'y'.repeat(21) }) }, { shape: SOAP_SHAPE, rules })).toEqual([
      { field: 'assessment', kind: 'too-short', length: 1, limit: 2, message: 'Assessment is too short: 1 character, this EMR needs at least 2.' },
      { field: 'plan', kind: 'too-long', length: 21, limit: 20, message: 'Plan is too long: 21 characters, this EMR takes at most 20.' },
    ]);
  });

  it('refuses a SOAP note with every section empty, pointing at the first', () => {
    expect(checkNote({ title: '', content: sections({ subjective: ' ', plan: '' }) }, { shape: SOAP_SHAPE, rules: unicode })).toEqual([
      { field: 'subjective', kind: 'empty', message: 'The note is empty: write in at least one section.' },
    ]);
    expect(checkNote({ title: '', content: sections({}) }, { shape: SOAP_SHAPE, rules: unicode })).toMatchObject([{ field: 'subjective', kind: 'empty' }]);
  });

  it('names each section with refused characters', () => {
    expect(checkNote({ title: 'Suivi é', content: sections({ subjective: 'ok', plan: 'Revoir dans 2–3 semaines' }) }, { shape: SOAP_SHAPE, rules: ascii })).toMatchObject([
      { field: 'title', kind: 'refused-characters', characters: ['é'], message: 'The title has characters this EMR does not accept: é.' },
      { field: 'plan', kind: 'refused-characters', characters: ['–'], message: 'Plan has characters this EMR does not accept: –.' },
    ]);
  });

  it('does not pass a draft written for another note shape', () => {
    expect(checkNote({ title: '', content: sections({ subjective: 'Cough' }) }, { shape: TEXT_SHAPE, rules: unicode })).toMatchObject([{ field: 'text', kind: 'wrong-shape' }]);
    expect(checkNote({ title: '', content: text('Cough') }, { shape: SOAP_SHAPE, rules: unicode })).toMatchObject([{ field: 'subjective', kind: 'wrong-shape' }]);
    expect(checkNote({ title: '', content: sections({ subjective: 'ok', history: 'Asthma' }) }, { shape: SOAP_SHAPE, rules: unicode })).toMatchObject([{ field: 'history', kind: 'wrong-shape' }]);
  });
});

describe('asciiFix', () => {
  it('converts quotes, dashes, ellipsis and unusual spaces, listing each change once with its count', () => {
    const fixed = asciiFix('“Dizzy”… pt’s BP 120/80 – stable — no change\u00a0today\u202fok\u2009x');
    expect(fixed.text).toBe('"Dizzy"... pt\'s BP 120/80 - stable -- no change today ok x');
    expect(fixed.changes).toEqual([
      { from: '“', to: '"', count: 1 },
      { from: '”', to: '"', count: 1 },
      { from: '…', to: '...', count: 1 },
      { from: '’', to: "'", count: 1 },
      { from: '–', to: '-', count: 1 },
      { from: '—', to: '--', count: 1 },
      { from: '\u00a0', to: ' ', count: 1 },
      { from: '\u202f', to: ' ', count: 1 },
      { from: '\u2009', to: ' ', count: 1 },
    ]);
  });

  it('strips accents, composed or typed as separate marks, and spells out letters that have none', () => {
    const fixed = asciiFix('Hélène François Müller Straße cœur Øster Łukasz e\u0301te\u0301');
    expect(fixed.text).toBe('Helene Francois Muller Strasse coeur Oster Lukasz ete');
    expect(fixed.changes).toContainEqual({ from: 'é', to: 'e', count: 1 });
    expect(fixed.changes).toContainEqual({ from: 'e\u0301', to: 'e', count: 2 });
    expect(fixed.changes).toContainEqual({ from: 'ß', to: 'ss', count: 1 });
    expect(fixed.changes).toContainEqual({ from: 'œ', to: 'oe', count: 1 });
  });

  it('writes clinical symbols the way a chart spells them', () => {
    expect(asciiFix('T 38.2°C, flexion 90°, 1½ tab, ½ tab, 250µg, β-blocker, BP ≥ 140, ±2, 3×/day, m², 10⁻³').text).toBe(
      'T 38.2 deg C, flexion 90 deg, 1 1/2 tab, 1/2 tab, 250mcg, beta-blocker, BP >= 140, +/-2, 3x/day, m^2, 10^-3',
    );
    expect(asciiFix('• item\n· item\n\uf0b7\titem').text).toBe('- item\n- item\n-\titem');
    expect(asciiFix('ﬁle ＡＢＣ SpO₂').text).toBe('file ABC SpO2');
  });

  it('removes invisible characters and turns Unicode line separators into newlines', () => {
    const fixed = asciiFix('a\u200bb\u00adc\ufeffd\u2028e');
    expect(fixed.text).toBe('abcd\ne');
    expect(fixed.changes).toContainEqual({ from: '\u200b', to: '', count: 1 });
    expect(fixed.changes).toContainEqual({ from: '\u2028', to: '\n', count: 1 });
  });

  it('leaves in place what it cannot convert safely, so the check still reports it', () => {
    const fixed = asciiFix('李 😀 µ ¨ ✓ ok é');
    expect(fixed.text).toBe('李 😀 µ ¨ ✓ ok e');
    expect(fixed.changes).toEqual([{ from: 'é', to: 'e', count: 1 }]);
    expect(checkNote({ title: '', content: text(fixed.text) }, { shape: TEXT_SHAPE, rules: ascii })).toMatchObject([{ kind: 'refused-characters', characters: ['李', '😀', 'µ', '¨', '✓'] }]);
  });

  it('never touches ASCII, not even ^ or a backtick', () => {
    const same = 'a^b `c` ~d\t\r\n';
    expect(asciiFix(same)).toEqual({ text: same, changes: [] });
  });

  it('is idempotent: a fixed text has nothing left to fix', () => {
    const once = asciiFix('“Hélène” — 38°C, 1½ tab… 10⁻³ 李\u00a0ﬁ βx');
    expect(asciiFix(once.text)).toEqual({ text: once.text, changes: [] });
  });

  it('fixes every field of a note and adds up the changes', () => {
    const fixed = asciiFixNote({ title: 'Suivi – café', content: sections({ subjective: 'Toux – 3 jours', plan: '' }) });
    expect(fixed).toEqual({
      title: 'Suivi - cafe',
      content: sections({ subjective: 'Toux - 3 jours', plan: '' }),
      changes: [
        { from: '–', to: '-', count: 2 },
        { from: 'é', to: 'e', count: 1 },
      ],
    });
    expect(checkNote(fixed, { shape: SOAP_SHAPE, rules: ascii })).toEqual([]);
  });
});
