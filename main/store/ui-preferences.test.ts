import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UiPreferences } from './ui-preferences.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ui-prefs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('UiPreferences', () => {
  it('remembers a dismissed notice across starts', async () => {
    const first = new UiPreferences(dir);
    await first.load();
    expect(first.dismissedNotices).toEqual([]);
    await first.dismiss('session-not-persisted');
    const next = new UiPreferences(dir);
    await next.load();
    expect(next.dismissedNotices).toEqual(['session-not-persisted']);
  });

  it('treats a damaged file as nothing dismissed', async () => {
    await writeFile(join(dir, 'ui-preferences.json'), '{not json');
    const prefs = new UiPreferences(dir);
    await prefs.load();
    expect(prefs.dismissedNotices).toEqual([]);
  });
});
