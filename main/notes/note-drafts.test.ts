import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAesGcmCipher, type SecretCipher } from '../store/cipher.js';
import { NoteDrafts } from './note-drafts.js';
import type { NoteDraftInput } from './note-schemas.js';

let dir: string;
let key: Buffer;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'drafts-'));
  key = randomBytes(32);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const NOTE_TEXT = 'Reports chest tightness since Tuesday, worse on stairs';
const input = (over: Partial<NoteDraftInput> = {}): NoteDraftInput => ({
  profileId: 'maple',
  patientId: 'pt-4471',
  patientLabel: { name: 'Marguerite Tremblay', birthDate: '1948-03-09' },
  noteTypeId: '11506-3',
  title: 'Phone call',
  content: { kind: 'text', text: NOTE_TEXT },
  ...over,
});

/** Every file under the folder, any depth, with its bytes. */
async function filesUnder(folder: string): Promise<{ path: string; bytes: Buffer }[]> {
  const names = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return Promise.all(names.filter((entry) => entry.isFile()).map(async (entry) => {
    const path = join(entry.parentPath, entry.name);
    return { path, bytes: await readFile(path) };
  }));
}

describe('NoteDrafts', () => {
  it('keeps a draft per clinic and patient, with an idempotency key made once', async () => {
    const drafts = new NoteDrafts(dir, createAesGcmCipher(key));
    const first = await drafts.save(input());
    const second = await drafts.save(input({ content: { kind: 'text', text: `${NOTE_TEXT}.` } }));

    expect(second.idempotencyKey).toBe(first.idempotencyKey);
    expect(await drafts.get('maple', 'pt-4471')).toEqual(second);
    expect(await drafts.get('other-clinic', 'pt-4471')).toBeUndefined();
    expect((await drafts.save(input({ patientId: 'pt-9' }))).idempotencyKey).not.toBe(first.idempotencyKey);
  });

  it('finds the draft again in a new instance over the same folder', async () => {
    const saved = await new NoteDrafts(dir, createAesGcmCipher(key)).save(
      input({ content: { kind: 'sections', sections: [{ id: 'subjective', text: 'Cough' }, { id: 'plan', text: '' }] } }),
    );

    const reopened = new NoteDrafts(dir, createAesGcmCipher(key));
    expect(await reopened.get('maple', 'pt-4471')).toEqual(saved);
    expect(reopened.persistent).toBe(true);
    expect(reopened.setAside).toEqual([]);
  });

  it('puts no note text, patient name, birth date or id in any file name or byte on disk', async () => {
    const drafts = new NoteDrafts(dir, createAesGcmCipher(key));
    await drafts.save(input());
    await drafts.save(input({ patientId: 'pt-9', patientLabel: { name: 'Jean-Paul Ouellet' }, title: 'Follow-up' }));

    const files = await filesUnder(dir);
    expect(files.length).toBe(2);
    for (const { path, bytes } of files) {
      expect(path.slice(dir.length)).toMatch(/^\/note-drafts\/[0-9a-f-]{36}\.draft$/);
      for (const secret of ['chest tightness', 'Marguerite', 'Tremblay', '1948-03-09', 'pt-4471', 'Ouellet', 'Follow-up', 'maple']) {
        expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
        expect(bytes.includes(Buffer.from(secret, 'utf16le'))).toBe(false);
      }
    }
  });

  it('keeps drafts in memory only, and says so, when there is no cipher', async () => {
    const drafts = new NoteDrafts(dir, null);
    await drafts.save(input());
    await drafts.flush();

    expect(drafts.persistent).toBe(false);
    expect(await drafts.get('maple', 'pt-4471')).toMatchObject({ title: 'Phone call' });
    expect(await filesUnder(dir)).toEqual([]);
    expect(await new NoteDrafts(dir, null).get('maple', 'pt-4471')).toBeUndefined();
  });

  it('sets aside a file that does not decrypt or parse, keeping the others, and says which', async () => {
    const good = await new NoteDrafts(dir, createAesGcmCipher(key)).save(input());
    // A draft sealed by another keyring (a copied profile, a reset OS account).
    const foreign = createAesGcmCipher(randomBytes(32)).encrypt(JSON.stringify({ ...good, patientId: 'other-key' }));
    await writeFile(join(dir, 'note-drafts', '22222222-2222-4222-8222-222222222222.draft'), foreign);
    await writeFile(join(dir, 'note-drafts', '00000000-0000-4000-8000-000000000000.draft'), 'torn');
    await writeFile(join(dir, 'note-drafts', '11111111-1111-4111-8111-111111111111.draft'), createAesGcmCipher(key).encrypt('{"not":"a draft"}'));

    const drafts = new NoteDrafts(dir, createAesGcmCipher(key));
    await drafts.load();

    expect(await drafts.get('maple', 'pt-4471')).toMatchObject({ title: 'Phone call' });
    expect(drafts.setAside).toHaveLength(3);
    const unreadable = await readdir(join(dir, 'note-drafts', 'unreadable'));
    expect(unreadable).toHaveLength(3);
    expect((await readdir(join(dir, 'note-drafts'))).filter((name) => name.endsWith('.draft'))).toHaveLength(1);
    expect(await new NoteDrafts(dir, createAesGcmCipher(key)).list('maple')).toHaveLength(1);
  });

  it('writes each burst of keystrokes behind, at most once at a time, and the latest wins', async () => {
    let encryptions = 0;
    const real = createAesGcmCipher(key);
    const counting: SecretCipher = { encrypt: (plain) => ((encryptions += 1), real.encrypt(plain)), decrypt: (data) => real.decrypt(data) };
    const drafts = new NoteDrafts(dir, counting);
    let typed = '';
    const saves = [...'Tightness on stairs'].map((letter) => drafts.save(input({ content: { kind: 'text', text: (typed += letter) } })));
    await Promise.all(saves);

    expect(encryptions).toBeLessThanOrEqual(2);
    expect(await new NoteDrafts(dir, real).get('maple', 'pt-4471')).toMatchObject({ content: { text: 'Tightness on stairs' } });
  });

  it('flushes what was saved without waiting, for quit', async () => {
    const drafts = new NoteDrafts(dir, createAesGcmCipher(key));
    void drafts.save(input({ title: 'one' }));
    void drafts.save(input({ title: 'two' }));
    await drafts.flush();

    expect(await new NoteDrafts(dir, createAesGcmCipher(key)).get('maple', 'pt-4471')).toMatchObject({ title: 'two' });
  });

  it('discards a draft for good, even while a write of it is in flight, and a new draft gets a new key', async () => {
    const drafts = new NoteDrafts(dir, createAesGcmCipher(key));
    const first = await drafts.save(input());
    void drafts.save(input({ title: 'typed on' }));
    await drafts.discard('maple', 'pt-4471');

    expect(await drafts.get('maple', 'pt-4471')).toBeUndefined();
    expect(await filesUnder(dir)).toEqual([]);
    expect(await new NoteDrafts(dir, createAesGcmCipher(key)).get('maple', 'pt-4471')).toBeUndefined();
    expect((await drafts.save(input())).idempotencyKey).not.toBe(first.idempotencyKey);
  });

  it("lists a clinic's drafts newest first, without another clinic's", async () => {
    let clock = Date.parse('2025-06-01T09:00:00Z');
    const drafts = new NoteDrafts(dir, createAesGcmCipher(key), { now: () => new Date((clock += 60_000)) });
    await drafts.save(input({ patientId: 'a', patientLabel: { name: 'A' } }));
    await drafts.save(input({ patientId: 'b', patientLabel: { name: 'B', birthDate: '2001-01-01' } }));
    await drafts.save(input({ profileId: 'elsewhere', patientId: 'c' }));

    expect(await drafts.list('maple')).toEqual([
      { patientId: 'b', patientLabel: { name: 'B', birthDate: '2001-01-01' }, noteTypeId: '11506-3', title: 'Phone call', updatedAt: '2025-06-01T09:02:00.000Z' },
      { patientId: 'a', patientLabel: { name: 'A' }, noteTypeId: '11506-3', title: 'Phone call', updatedAt: '2025-06-01T09:01:00.000Z' },
    ]);
  });

  it('removes temp files a crash left mid-write, keeping the draft they would have replaced', async () => {
    await new NoteDrafts(dir, createAesGcmCipher(key)).save(input());
    const [name] = await readdir(join(dir, 'note-drafts'));
    await writeFile(join(dir, 'note-drafts', `${name}.abc123.tmp`), 'half a write');

    expect(await new NoteDrafts(dir, createAesGcmCipher(key)).get('maple', 'pt-4471')).toMatchObject({ title: 'Phone call' });
    expect(await readdir(join(dir, 'note-drafts'))).toEqual([name]);
  });
});
