import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Capabilities } from '../emr/model.js';
import { samplePdf } from '../../tests/support/documents.js';
import { FileIntake } from './file-intake.js';

const capabilities: Capabilities = {
  uploadDocument: true,
  createNote: true,
  appointments: true,
  patientSearch: { byName: true, byBirthDate: true, byIdentifier: true },
  idempotency: 'conditional-create',
  acceptedMimeTypes: ['application/pdf', 'image/jpeg'],
  maxUploadBytes: 1024,
  notes: { shape: { kind: 'text' }, rules: { minLength: 1, maxLength: 1000, titleMaxLength: 100, charset: 'unicode' } },
};

let dir: string;
let intake: FileIntake;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'intake-'));
  intake = new FileIntake(dir);
  await intake.start();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FileIntake', () => {
  it('takes posted bytes, sniffs them and hands out an opaque id, never the path', async () => {
    const transfer = await intake.receiveTransfer(Readable.from([Buffer.from('%PDF-1.4\n%%EOF\n')]), 1024);
    const dropped = await intake.registerTransfer(transfer, 'letter.pdf', capabilities);
    expect(dropped).toMatchObject({ name: 'letter.pdf', mime: 'application/pdf', size: 15 });
    expect(dropped.problem).toBeUndefined();
    expect(JSON.stringify(dropped)).not.toContain(dir);
    expect(intake.take(dropped.fileId).mime).toBe('application/pdf');
  });

  it('cuts off a posted file as soon as it passes the limit and keeps nothing of it', async () => {
    const chunks = Array.from({ length: 8 }, () => Buffer.alloc(512, 1));
    await expect(intake.receiveTransfer(Readable.from(chunks), 1024)).rejects.toMatchObject({ kind: 'too-large', limitBytes: 1024 });
    expect(await readdir(join(dir, 'transfers'))).toEqual([]);
  });

  it('refuses empty, oversize and unsupported files by their bytes, not their names, with a reason', async () => {
    const empty = join(dir, 'empty.pdf');
    const big = join(dir, 'big.pdf');
    const disguised = join(dir, 'invoice\u202Efdp.exe');
    await writeFile(empty, '');
    await writeFile(big, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048)]));
    await writeFile(disguised, 'MZ this is not a PDF');
    expect((await intake.registerPath(empty, 'empty.pdf', capabilities)).problem).toMatchObject({ kind: 'validation', message: expect.stringContaining('empty') });
    expect((await intake.registerPath(big, 'big.pdf', capabilities)).problem).toMatchObject({ kind: 'too-large', sizeBytes: 2057, limitBytes: 1024 });
    const refused = await intake.registerPath(disguised, 'invoice\u202Efdp.exe', capabilities);
    expect(refused.problem?.kind).toBe('unsupported');
    expect(refused.name).toBe('invoicefdp.exe');
  });

  it('clears bytes left from before a crash when it starts', async () => {
    const transfer = await intake.receiveTransfer(Readable.from([Buffer.from('%PDF-1.4')]), 1024);
    expect(existsSync(join(dir, 'transfers', transfer))).toBe(true);
    await new FileIntake(dir).start();
    expect(existsSync(join(dir, 'transfers', transfer))).toBe(false);
  });

  it('refuses a posted file whose declared length is over the limit before reading a byte of it', async () => {
    const request = new IncomingMessage(new Socket());
    request.headers['content-length'] = String(300 * 1024 * 1024);
    await expect(intake.receiveTransfer(request, 1024)).rejects.toMatchObject({ kind: 'too-large', sizeBytes: 300 * 1024 * 1024, limitBytes: 1024 });
    expect(request.readableFlowing).toBeNull();
    expect(existsSync(join(dir, 'transfers'))).toBe(false);
  });

  it('answers for a transfer it no longer holds with a refusal of that file, not a failure of the drop', async () => {
    const dropped = await intake.registerTransfer('gone', 'scan.pdf', capabilities);
    expect(dropped).toMatchObject({ name: 'scan.pdf', problem: { kind: 'not-found' } });
  });

  it('shortens an over-long name safely instead of refusing the file', async () => {
    const path = join(dir, 'long.pdf');
    await writeFile(path, samplePdf('long name'));
    const longName = `${'Consultation note from the cardiology clinic '.repeat(7)}.pdf`;
    const dropped = await intake.registerPath(path, longName, capabilities);
    expect(dropped.problem).toBeUndefined();
    expect(dropped.name.length).toBeLessThanOrEqual(255);
    expect(dropped.name.endsWith('….pdf')).toBe(true);
  });

  it('refuses password-protected PDFs with the reason unless the profile allows them', async () => {
    const path = join(dir, 'locked.pdf');
    await copyFile(join(import.meta.dirname, '../../tests/fixtures/pdf/user-password-aes128.pdf'), path);
    const roomy: Capabilities = { ...capabilities, maxUploadBytes: 1024 * 1024 };
    const refused = await intake.registerPath(path, 'locked.pdf', roomy);
    expect(refused.problem).toMatchObject({ kind: 'unsupported', message: expect.stringContaining('password-protected') });
    const allowed = await intake.registerPath(path, 'locked.pdf', roomy, { allowEncryptedPdf: true });
    expect(allowed.problem).toBeUndefined();
    const plain = join(dir, 'mentions.pdf');
    await copyFile(join(import.meta.dirname, '../../tests/fixtures/pdf/plain-mentions-encrypt.pdf'), plain);
    expect((await intake.registerPath(plain, 'mentions.pdf', roomy)).problem).toBeUndefined();
  });

  it('recognises plain text by its bytes, and names exactly the accepted types when it refuses one', async () => {
    const withText: Capabilities = { ...capabilities, acceptedMimeTypes: ['application/pdf', 'image/png', 'text/plain'] };
    const note = join(dir, 'note.txt');
    await writeFile(note, 'Patient called about results. Café au lait spots noted.\n');
    expect(await intake.registerPath(note, 'note.txt', withText)).toMatchObject({ mime: 'text/plain' });
    const gif = join(dir, 'scan.gif');
    await writeFile(gif, Buffer.concat([Buffer.from('GIF89a'), Buffer.from([1, 0, 1, 0, 0x80, 0, 0])]));
    const refused = await intake.registerPath(gif, 'scan.gif', withText);
    expect(refused.problem).toEqual({ kind: 'unsupported', message: 'GIF files cannot be filed here. This clinic accepts PDF, PNG and plain text (.txt).' });
    const utf16 = join(dir, 'utf16.txt');
    await writeFile(utf16, Buffer.from('Patient called about results.', 'utf16le'));
    expect((await intake.registerPath(utf16, 'utf16.txt', withText)).problem?.message).toContain('does not recognise');
  });
});
