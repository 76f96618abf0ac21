import { describe, expect, it } from 'vitest';
import { dateFromFileName, MAX_TITLE_LENGTH, titleFromFileName } from './fileNameFields';

describe('titleFromFileName', () => {
  it('drops the extension and turns _ and - runs into spaces', () => {
    expect(titleFromFileName('lab_results--CBC__2024.pdf')).toBe('lab results CBC 2024');
  });

  it('leaves out the date that fills the date field, unless the name is only a date', () => {
    expect(titleFromFileName('Lab_results_2026-11-20.pdf')).toBe('Lab results');
    expect(titleFromFileName('20240305_referral.pdf')).toBe('referral');
    expect(titleFromFileName('2024-03-05.pdf')).toBe('2024 03 05');
    expect(titleFromFileName('fax_20241399.pdf')).toBe('fax 20241399');
  });

  it('drops only the last extension', () => {
    expect(titleFromFileName('referral.letter.docx')).toBe('referral.letter');
  });

  it('keeps a name that starts with a dot', () => {
    expect(titleFromFileName('.scan')).toBe('.scan');
  });

  it('strips bidi control characters that disguise a name', () => {
    expect(titleFromFileName('invoice\u202Efdp.exe')).toBe('invoicefdp');
    expect(titleFromFileName('\u2067report\u2069_final.pdf')).toBe('report final');
  });

  it('trims and caps the title at 200 characters', () => {
    const title = titleFromFileName(`  ${'a'.repeat(300)}  .pdf`);
    expect(title).toHaveLength(MAX_TITLE_LENGTH);
    expect(title.startsWith('a')).toBe(true);
  });
});

describe('titleFromFileName with long names', () => {
  it('keeps as much of a 300-character name as a title may hold, never half an emoji', () => {
    const name = `${'📄 Consultation note cardiology '.repeat(10)}.pdf`;
    const title = titleFromFileName(name);
    expect(title.length).toBeGreaterThan(190);
    expect(title.length).toBeLessThanOrEqual(200);
    expect(/[\uD800-\uDBFF]$/.test(title)).toBe(false);
    expect(name.startsWith(title)).toBe(true);
    const atTheCut = titleFromFileName(`${'a'.repeat(199)}📄📄.pdf`);
    expect(atTheCut).toBe('a'.repeat(199));
  });
});

describe('dateFromFileName', () => {
  const today = new Date(2025, 0, 9, 23, 30);

  it.each([
    ['scan 2024-03-05.pdf', '2024-03-05'],
    ['scan_20240305.pdf', '2024-03-05'],
    ['scan_2024_03_05.pdf', '2024-03-05'],
  ])('reads the date in %s', (name, expected) => {
    expect(dateFromFileName(name, today)).toBe(expected);
  });

  it('falls back to today in local time', () => {
    expect(dateFromFileName('consult note.pdf', today)).toBe('2025-01-09');
  });

  it('ignores digits that are not a calendar date', () => {
    expect(dateFromFileName('fax 20241399.tif', today)).toBe('2025-01-09');
    expect(dateFromFileName('fax 6045551234567.tif', today)).toBe('2025-01-09');
  });

  it('does not mix separators', () => {
    expect(dateFromFileName('x 2024-03_05.pdf', today)).toBe('2025-01-09');
  });
});
