import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkNote } from '../../common/note-rules.js';
import { createAesGcmCipher } from '../store/cipher.js';
import { templateContent } from '../../common/template-content.js';
import { NoteTemplates } from './note-templates.js';
import type { NoteTemplateBody } from './note-schemas.js';

let dir: string;
let key: Buffer;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'templates-'));
  key = randomBytes(32);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const mine: NoteTemplateBody = { name: 'Flu shot call-back', title: 'Flu shot', text: 'Called Mrs Gagnon about her flu shot: ___', sections: [] };

describe('NoteTemplates', () => {
  it('starts with the built-in phone call, prescription renewal, follow-up and no-show templates, for both note shapes', async () => {
    const templates = await new NoteTemplates(dir, null).list();

    expect(templates.map((t) => t.name)).toEqual(['Phone call', 'Prescription renewal', 'Follow-up', 'No-show']);
    for (const template of templates) {
      expect(template).toMatchObject({ builtIn: true, hidden: false });
      expect(template.text).toContain('___');
      expect(template.sections.map((s) => s.id)).toEqual(['subjective', 'objective', 'assessment', 'plan']);
      // Every built-in fits an ASCII-only EMR as written.
      expect(checkNote({ title: template.title, content: templateContent(template, { kind: 'text' }) }, { shape: { kind: 'text' }, rules: { minLength: 2, maxLength: 2000, titleMaxLength: 60, charset: 'ascii' } })).toEqual([]);
    }
  });

  it('adds, edits and deletes a user template, kept encrypted across a restart', async () => {
    const templates = new NoteTemplates(dir, createAesGcmCipher(key));
    const added = await templates.add(mine);
    await templates.update(added.id, { ...mine, text: 'Called Mrs Gagnon back: ___' });
    const other = await templates.add({ ...mine, name: 'Another' });

    const reopened = new NoteTemplates(dir, createAesGcmCipher(key));
    expect((await reopened.list()).filter((t) => !t.builtIn)).toEqual([
      { ...mine, name: 'Another', id: other.id, builtIn: false, hidden: false },
      { ...mine, text: 'Called Mrs Gagnon back: ___', id: added.id, builtIn: false, hidden: false },
    ]);
    await reopened.remove(other.id);
    expect((await new NoteTemplates(dir, createAesGcmCipher(key)).list()).filter((t) => !t.builtIn).map((t) => t.id)).toEqual([added.id]);

    const bytes = await readFile(join(dir, 'note-templates.bin'));
    for (const secret of ['Gagnon', 'Flu shot']) expect(bytes.includes(Buffer.from(secret))).toBe(false);
  });

  it('hides a built-in and shows it again, but never edits or deletes one', async () => {
    const templates = new NoteTemplates(dir, createAesGcmCipher(key));
    await templates.setHidden('built-in:no-show', true);

    expect((await new NoteTemplates(dir, createAesGcmCipher(key)).list()).map((t) => t.id)).not.toContain('built-in:no-show');
    expect((await templates.list({ includeHidden: true })).find((t) => t.id === 'built-in:no-show')).toMatchObject({ hidden: true });
    await templates.setHidden('built-in:no-show', false);
    expect((await templates.list()).map((t) => t.id)).toContain('built-in:no-show');

    await expect(templates.remove('built-in:phone-call')).rejects.toMatchObject({ kind: 'validation' });
    await expect(templates.update('built-in:phone-call', mine)).rejects.toMatchObject({ kind: 'validation' });
    await expect(templates.remove('no-such-template')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('copies a built-in by adding its body under a new name', async () => {
    const templates = new NoteTemplates(dir, null);
    const [phoneCall] = await templates.list();
    if (!phoneCall) throw new Error('no built-in template');
    const copy = await templates.add({ ...phoneCall, name: 'My phone call' });

    expect(copy).toMatchObject({ builtIn: false, name: 'My phone call', text: phoneCall.text, sections: phoneCall.sections });
    expect(copy.id).not.toBe(phoneCall.id);
  });

  it('refuses a template with no name', async () => {
    await expect(new NoteTemplates(dir, null).add({ ...mine, name: '   ' })).rejects.toThrow();
  });

  it('keeps user templates in memory only when there is no cipher', async () => {
    const templates = new NoteTemplates(dir, null);
    await templates.add(mine);

    expect(templates.persistent).toBe(false);
    expect((await templates.list()).some((t) => t.name === mine.name)).toBe(true);
    expect(await readdir(dir)).toEqual([]);
  });

  it('sets an unreadable file aside instead of losing or overwriting it', async () => {
    await writeFile(join(dir, 'note-templates.bin'), createAesGcmCipher(randomBytes(32)).encrypt('{}'));
    const templates = new NoteTemplates(dir, createAesGcmCipher(key), { now: () => new Date(1_700_000_000_000) });

    expect((await templates.list()).every((t) => t.builtIn)).toBe(true);
    expect(templates.setAside).toBe(join(dir, 'note-templates.bin.1700000000000.unreadable'));
    await templates.add(mine);
    expect((await readdir(dir)).sort()).toEqual(['note-templates.bin', 'note-templates.bin.1700000000000.unreadable']);
  });
});
