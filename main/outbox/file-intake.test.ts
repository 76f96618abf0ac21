import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Capabilities } from '../emr/model.js';
import { FileIntake } from './file-intake.js';

const capabilities: Capabilities = {
  uploadDocument: true,
  createNote: true,
  appointments: true,
  patientSearch: { byName: true, byBirthDate: true, byIdentifier: true },
  idempotency: 'conditional-create',
  acceptedMimeTypes: ['application/pdf', 'image/jpeg'],
  maxUploadBytes: 1024,
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
    await expect(intake.receiveTransfer(Readable.from(chunks), 1024)).rejects.toMatchObject({ kind: 'validation' });
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
    expect((await intake.registerPath(big, 'big.pdf', capabilities)).problem).toMatchObject({ kind: 'validation', message: expect.stringContaining('larger') });
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
});
