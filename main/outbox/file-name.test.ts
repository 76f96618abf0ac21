import { describe, expect, it } from 'vitest';
import { MAX_FILE_NAME_LENGTH, shortenFileName } from './file-name.js';

const hasLoneSurrogate = (text: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe('shortenFileName', () => {
  it('leaves a name that fits alone', () => {
    expect(shortenFileName('Lab results 2026-11-20.pdf')).toBe('Lab results 2026-11-20.pdf');
  });

  it('cuts a 300-character name to the limit and keeps its extension', () => {
    const short = shortenFileName(`${'Referral letter '.repeat(19)}final.pdf`);
    expect(short.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
    expect(short.endsWith('….pdf')).toBe(true);
    expect(short.startsWith('Referral letter Referral letter')).toBe(true);
  });

  it('never splits an emoji into a lone surrogate nor an accent from its letter', () => {
    for (let pad = 0; pad < 4; pad += 1) {
      const emoji = shortenFileName(`${'x'.repeat(pad)}${'📄'.repeat(200)}.pdf`);
      expect(emoji.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
      expect(hasLoneSurrogate(emoji)).toBe(false);
      const accents = shortenFileName(`${'x'.repeat(pad)}${'e\u0301'.repeat(200)}.pdf`);
      expect(accents.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
      expect(accents.replace(/e\u0301/g, '').replace(/^x*/, '')).toBe('….pdf');
    }
  });

  it('cuts a single oversized character cluster by code point rather than dropping the whole name', () => {
    const zalgo = `a${'\u0301'.repeat(400)}.pdf`;
    const short = shortenFileName(zalgo);
    expect(short.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
    expect(short.startsWith('a\u0301')).toBe(true);
    expect(short.endsWith('….pdf')).toBe(true);
  });

  it('treats a long tail after the last dot as part of the name, not an extension', () => {
    const short = shortenFileName(`minutes.${'of the meeting '.repeat(30)}`);
    expect(short.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
    expect(short.startsWith('minutes.of the meeting')).toBe(true);
    expect(short.endsWith('…')).toBe(true);
  });
});
