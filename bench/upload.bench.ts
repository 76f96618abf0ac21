import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmrHttp } from '../main/emr/http.js';
import { FhirClient } from '../main/emr/fhir/fhir-client.js';
import { measureBinaryAnswer } from '../main/emr/fhir/fhir-verify.js';
import { documentRequest, startBenchOutbox, type BenchOutbox } from './support/bench-outbox.js';
import { MB, printFigure } from './support/figures.js';
import { startSandboxProcess, type SandboxGrant } from './support/sandbox-process.js';

/**
 * Upload throughput through the outbox, next to curl posting the same files to the same
 * `POST {fhir}/Binary` with the same token in the same run (DESIGN.md "Performance").
 *
 * curl runs as one process per file, at most CONCURRENCY at a time — the outbox's own concurrency —
 * streaming the file (`-T`, not `--data-binary`, which reads it whole) with `Expect:` cleared so it
 * does not wait for a 100 Continue. The outbox does more per file than curl: a conditional-create
 * DocumentReference after the Binary and fsynced state changes, and those count in its time.
 * Its figure starts when the queue is resumed, so the copy-and-hash at drop time is timed apart.
 * `binary_post_vs_curl_ratio` isolates our streamed `POST Binary` (FhirClient.createBinary, one
 * file at a time, like curl one process at a time) from the DocumentReference and the disk.
 *
 * The connector reads every Binary back and compares it with what was sent (issue 8): SHA-256 up to
 * the profile's limit (20 MB by default, so every 5 MB file here), the size alone above it.
 * `upload_vs_curl_ratio` is with that verification on; `upload_size_check_vs_curl_ratio` runs the
 * same outbox with the limit at 0 (only the answer's Content-Length is compared), and
 * `verify_readback_ms_per_file` times the read-back and hash of one 5 MB Binary on its own.
 */
const FILES = 20;
const FILE_BYTES = 5 * MB;
const CONCURRENCY = 2;

function curlPost(grant: SandboxGrant, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const curl = spawn('curl', [
      '-sS', '-o', '/dev/null', '-w', '%{http_code}', '-X', 'POST', '-T', path,
      '-H', `Authorization: Bearer ${grant.accessToken}`, '-H', 'Content-Type: application/pdf', '-H', 'Expect:',
      `${grant.fhirBaseUrl}/Binary`,
    ], { stdio: ['ignore', 'pipe', 'inherit'] });
    let status = '';
    curl.stdout.on('data', (chunk: Buffer) => (status += chunk.toString()));
    curl.once('error', reject);
    curl.once('close', (code) => (code === 0 && status === '201' ? resolve() : reject(new Error(`curl exited ${code} with HTTP ${status}`))));
  });
}

async function inPool(tasks: ReadonlyArray<() => Promise<void>>, width: number): Promise<void> {
  const queue = [...tasks];
  await Promise.all(Array.from({ length: width }, async () => {
    for (let task = queue.shift(); task; task = queue.shift()) await task();
  }));
}

async function writeFiles(prefix: string): Promise<string[]> {
  const files: string[] = [];
  for (let i = 0; i < FILES; i++) {
    const path = join(workDir, `${prefix}-${i}.pdf`);
    await writeFile(path, Buffer.concat([Buffer.from(`%PDF-1.4\n% bench ${prefix} ${i}\n`), randomBytes(FILE_BYTES)]));
    files.push(path);
  }
  return files;
}

/** MB/s from the queue's resume to the last entry sent; the copy-and-hash at drop is timed apart. */
async function timeOutbox(bench: BenchOutbox, files: ReadonlyArray<string>, totalMb: number): Promise<{ outboxMbS: number; enqueueMbS: number }> {
  bench.outbox.setPaused(true);
  const enqueueStarted = performance.now();
  for (const path of files) await bench.outbox.enqueueDocuments(bench.patient, [documentRequest(path, path, (await stat(path)).size)]);
  const enqueueMbS = totalMb / ((performance.now() - enqueueStarted) / 1000);
  const uploadStarted = performance.now();
  bench.outbox.setPaused(false);
  await bench.allSent();
  const outboxMbS = totalMb / ((performance.now() - uploadStarted) / 1000);
  await bench.outbox.dispose();
  return { outboxMbS, enqueueMbS };
}

const workDir = await mkdtemp(join(tmpdir(), 'chartdrop-bench-upload-'));
const sandbox = await startSandboxProcess();
try {
  const files = await writeFiles('scan');
  let totalBytes = 0;
  for (const path of files) totalBytes += (await stat(path)).size;
  const totalMb = totalBytes / MB;

  const curlStarted = performance.now();
  await inPool(files.map((path) => () => curlPost(sandbox.grant, path)), CONCURRENCY);
  const curlMbS = totalMb / ((performance.now() - curlStarted) / 1000);

  const client = new FhirClient(createEmrHttp({ prefixUrl: sandbox.grant.fhirBaseUrl, tokens: { accessToken: async () => sandbox.grant.accessToken, afterUnauthorized: async () => sandbox.grant.accessToken } }), sandbox.grant.fhirBaseUrl);
  const binaryStarted = performance.now();
  const binaries: Array<{ id: string; size: number }> = [];
  for (const path of files) {
    const size = (await stat(path)).size;
    binaries.push({ id: await client.createBinary(path, 'application/pdf', size, {}), size });
  }
  const binaryMbS = totalMb / ((performance.now() - binaryStarted) / 1000);
  const readbackStarted = performance.now();
  for (const { id, size } of binaries) {
    await measureBinaryAnswer(await client.readBinary(id, 'application/pdf'), { file: { size, mime: 'application/pdf' }, hashUpToBytes: size });
  }
  const readbackMsPerFile = (performance.now() - readbackStarted) / binaries.length;
  const curlOneStarted = performance.now();
  await inPool(files.map((path) => () => curlPost(sandbox.grant, path)), 1);
  const curlOneMbS = totalMb / ((performance.now() - curlOneStarted) / 1000);

  const { outboxMbS, enqueueMbS } = await timeOutbox(await startBenchOutbox(sandbox.grant, join(workDir, 'app'), CONCURRENCY), files, totalMb);
  // Other bytes than the first run's, so nothing is taken for a second filing of the same file.
  const sizeCheck = await timeOutbox(
    await startBenchOutbox(sandbox.grant, join(workDir, 'app-size-check'), CONCURRENCY, { verifyHashUpToBytes: 0 }),
    await writeFiles('size-check'),
    totalMb,
  );

  printFigure('upload_outbox_mb_s', outboxMbS, 'MB/s');
  printFigure('upload_curl_mb_s', curlMbS, 'MB/s');
  printFigure('upload_vs_curl_ratio', outboxMbS / curlMbS, 'ratio');
  printFigure('upload_size_check_vs_curl_ratio', sizeCheck.outboxMbS / curlMbS, 'ratio');
  printFigure('verify_readback_ms_per_file', readbackMsPerFile, 'ms');
  printFigure('enqueue_copy_and_hash_mb_s', enqueueMbS, 'MB/s');
  printFigure('binary_post_vs_curl_ratio', binaryMbS / curlOneMbS, 'ratio');
} finally {
  await sandbox.stop();
  await rm(workDir, { recursive: true, force: true });
}
