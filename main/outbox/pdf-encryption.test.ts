import { readFileSync } from 'node:fs';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../../tests/support/documents.js';
import { isEncryptedPdf } from './pdf-encryption.js';

// Made with qpdf 11.3 from one samplePdf page (tests/fixtures/pdf/README.md); CI has no qpdf.
const FIXTURES = join(import.meta.dirname, '../../tests/fixtures/pdf');
const fixture = (name: string) => join(FIXTURES, name);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pdf-encryption-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function written(name: string, bytes: Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

/** Appends an incremental update (§7.5.6): one re-written object, a new table and trailer. */
function withUpdate(original: Buffer, trailerExtra: string): Buffer {
  const prev = /startxref\s+(\d+)/g;
  const offsets = [...original.toString('latin1').matchAll(prev)];
  const previous = offsets.at(-1)?.[1] ?? '0';
  const object = '6 0 obj\n(an annotation added later)\nendobj\n';
  const objectOffset = original.length;
  const xrefOffset = objectOffset + object.length;
  const update =
    `${object}xref\n0 1\n0000000000 65535 f \n6 1\n${String(objectOffset).padStart(10, '0')} 00000 n \n` +
    `trailer\n<< /Size 7 /Root 1 0 R /Prev ${previous} ${trailerExtra} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([original, Buffer.from(update, 'latin1')]);
}

describe('isEncryptedPdf', () => {
  it.each([
    'owner-only-rc4.pdf',
    'owner-only-aes256.pdf',
    'user-password-aes128.pdf',
    'user-password-rc4-40.pdf',
    'linearized-user-aes256.pdf',
    'xref-stream-owner-aes256.pdf',
  ])('finds the /Encrypt entry of %s', async (name) => {
    expect(await isEncryptedPdf(fixture(name))).toBe(true);
  });

  it.each(['plain-mentions-encrypt.pdf', 'linearized-plain.pdf', 'xref-stream-plain.pdf'])(
    'does not take %s for encrypted, even where its text says "/Encrypt"',
    async (name) => {
      expect(await isEncryptedPdf(fixture(name))).toBe(false);
    },
  );

  it('reads the newest trailer of an incrementally updated file, which repeats /Encrypt', async () => {
    const encrypted = readFileSync(fixture('owner-only-rc4.pdf'));
    const encryptEntry = /\/Encrypt\s+\d+\s+\d+\s+R/.exec(encrypted.toString('latin1'))?.[0] ?? '';
    expect(encryptEntry).not.toBe('');
    expect(await isEncryptedPdf(await written('updated-encrypted.pdf', withUpdate(encrypted, encryptEntry)))).toBe(true);
    const plain = samplePdf('updated later');
    expect(await isEncryptedPdf(await written('updated-plain.pdf', withUpdate(plain, '/Info 4 0 R')))).toBe(false);
  });

  it('follows offsets counted from the header when bytes precede %PDF-', async () => {
    const prefixed = Buffer.concat([Buffer.from('junk from a scanner driver\n'), readFileSync(fixture('user-password-aes128.pdf'))]);
    expect(await isEncryptedPdf(await written('prefixed.pdf', prefixed))).toBe(true);
  });

  it('falls back to the last trailer when startxref points nowhere', async () => {
    const encrypted = readFileSync(fixture('owner-only-rc4.pdf')).toString('latin1');
    const broken = encrypted.replace(/startxref\s+\d+/, 'startxref\n999999');
    expect(await isEncryptedPdf(await written('broken-startxref.pdf', Buffer.from(broken, 'latin1')))).toBe(true);
  });

  it('finds the trailer of a 3 GB file by its offset, reading only the chunks it needs', async () => {
    // Sparse: the page data between header and table takes no disk, and reading it whole would
    // not fit in a Buffer, so passing proves the detector reads only what it names.
    const encrypted = readFileSync(fixture('owner-only-rc4.pdf'));
    const gap = 3 * 1024 ** 3;
    const text = encrypted.toString('latin1');
    const xref = text.lastIndexOf('xref\n0 ');
    const shifted = text
      .slice(xref)
      .replace(/startxref\s+\d+/, `startxref\n${xref + gap}`);
    const path = join(dir, 'sparse.pdf');
    const handle = await open(path, 'w');
    try {
      await handle.write(encrypted.subarray(0, xref), 0, xref, 0);
      await handle.write(Buffer.from(shifted, 'latin1'), 0, shifted.length, xref + gap);
    } finally {
      await handle.close();
    }
    expect(await isEncryptedPdf(path)).toBe(true);
  });
});
