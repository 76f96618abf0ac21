import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jsonBinaryData } from './json-binary-data.js';

async function decode(text: string, chunkSize: number): Promise<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  const chunks = Array.from({ length: Math.ceil(bytes.length / chunkSize) }, (_, i) => bytes.subarray(i * chunkSize, (i + 1) * chunkSize));
  const out: Buffer[] = [];
  for await (const part of jsonBinaryData(chunks)) out.push(part);
  return Buffer.concat(out);
}

describe('jsonBinaryData', () => {
  const file = randomBytes(10_000);
  const binary = { resourceType: 'Binary', id: 'b1', meta: { versionId: '1', tag: [{ code: 'data' }] }, contentType: 'application/pdf', data: file.toString('base64') };

  it.each([1, 3, 7, 64, 100_000])('decodes the top-level base64 data whatever the chunk size (%i bytes)', async (chunkSize) => {
    expect((await decode(JSON.stringify(binary), chunkSize)).equals(file)).toBe(true);
  });

  it('reads `data` before `resourceType`, pretty-printed, with `\\/` escapes', async () => {
    const text = JSON.stringify({ data: binary.data, contentType: 'application/pdf', resourceType: 'Binary' }, null, 2).replace(/\//g, '\\/');
    expect((await decode(text, 5)).equals(file)).toBe(true);
  });

  it('ignores a `data` key nested below the top level', async () => {
    const text = JSON.stringify({ resourceType: 'Binary', meta: { extension: [{ data: 'AAAA' }] }, contentType: 'text/plain' });
    expect((await decode(text, 4)).length).toBe(0);
  });

  it('refuses what is not a Binary, broken JSON, or data outside the base64 alphabet', async () => {
    await expect(decode(JSON.stringify({ resourceType: 'OperationOutcome', issue: [] }), 8)).rejects.toThrow(SyntaxError);
    await expect(decode(JSON.stringify(binary).slice(0, 500), 8)).rejects.toThrow(SyntaxError);
    await expect(decode(JSON.stringify({ ...binary, data: 'not base64 at all!' }), 8)).rejects.toThrow(SyntaxError);
    await expect(decode('[1,2]', 8)).rejects.toThrow(SyntaxError);
  });
});
