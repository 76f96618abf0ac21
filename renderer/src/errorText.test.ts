import { describe, expect, it } from 'vitest';
// A test may read main's list at run time: it is how we prove the wording covers every kind.
import { ERROR_KINDS } from '../../main/shared/errors';
import { describeError, describeRefusal, refusalDetail } from './errorText';
import { t } from './strings';

describe('error wording', () => {
  it('words every error kind, each differently, saying what to do', () => {
    const texts = ERROR_KINDS.map((kind) => describeError({ kind, message: '' }));
    for (const text of texts) {
      expect(text.summary.length).toBeGreaterThan(0);
      expect(text.action.length).toBeGreaterThan(0);
    }
    expect(new Set(texts.map((text) => text.summary)).size).toBe(ERROR_KINDS.length);
    expect(new Set(texts.map((text) => text.action)).size).toBe(ERROR_KINDS.length);
  });

  it('words a refused file for every kind, each differently', () => {
    const texts = ERROR_KINDS.map((kind) => describeRefusal({ kind, message: '' }));
    expect(texts.every((text) => text.length > 0)).toBe(true);
    expect(new Set(texts).size).toBe(ERROR_KINDS.length);
  });

  it('holds no wording for a kind main does not have', () => {
    expect(Object.keys(t.errors).sort()).toEqual([...ERROR_KINDS].sort());
    expect(Object.keys(t.refused).sort()).toEqual([...ERROR_KINDS].sort());
  });

  it('tells a session that ended to sign in again', () => {
    expect(describeError({ kind: 'auth', message: '' }).summary).toBe('Your session has ended.');
    expect(describeError({ kind: 'auth', message: '' }).action).toMatch(/^Sign in again/);
  });

  it('adds the field, the wait and the server message as details', () => {
    expect(describeError({ kind: 'validation', message: 'title too long', field: 'documents.0.title' }).details).toEqual([
      'Field: documents.0.title.',
      'Details: title too long',
    ]);
    expect(describeError({ kind: 'rate-limited', message: '', retryAfterMs: 2500 }).details).toEqual(['Next try in about 3 s.']);
  });

  it('tells an error answer from no answer, with the status, and does not repeat a bare status as a detail', () => {
    const answered = describeError({ kind: 'transient', message: 'HTTP 503', status: 503 });
    expect(answered.summary).toBe('The EMR answered with an error (HTTP 503).');
    expect(answered.details).toEqual([]);
    expect(describeError({ kind: 'unreachable', message: 'No answer from the EMR.' }).summary).toBe('Cannot reach the EMR.');
    for (const kind of ['transient', 'unreachable'] as const) expect(describeError({ kind, message: '' }).action).not.toMatch(/keeps trying/);
  });

  it('gives both figures for a file that is too large', () => {
    const text = describeError({ kind: 'too-large', message: '', sizeBytes: 300 * 1024 * 1024, limitBytes: 200 * 1024 * 1024 });
    expect(text.details[0]).toBe('This file is 300 MB; this clinic accepts up to 200 MB.');
  });

  it('refuses an oversize file with both figures and no second, vaguer line', () => {
    const view = { kind: 'too-large', message: 'This file is larger than the 200 MB this clinic accepts.', sizeBytes: 300 * 1024 * 1024, limitBytes: 200 * 1024 * 1024 } as const;
    expect(describeRefusal(view, view.sizeBytes)).toMatch(/^This file is 300 MB; this clinic accepts up to 200 MB\./);
    expect(refusalDetail(view, view.sizeBytes)).toBeUndefined();
  });

  it('says plainly that an empty file is empty, and keeps main\'s reason for other refusals', () => {
    expect(describeRefusal({ kind: 'validation', message: 'empty' }, 0)).toMatch(/^This file is empty \(0 bytes\)/);
    const encrypted = { kind: 'unsupported', message: 'This PDF is password-protected: no one could open it in the chart.' } as const;
    expect(refusalDetail(encrypted, 1200)).toBe(encrypted.message);
  });
});
