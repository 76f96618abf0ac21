import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyAndHash } from '../main/outbox/hashing-copy.js';
import { MB, median, printFigure } from './support/figures.js';

/**
 * Our hashing next to `openssl dgst -sha256` (the fair ceiling: it uses the CPU's SHA extensions,
 * shared/notes/documents.md "Hashing") on the same page-cached file. `hash_vs_openssl_ratio` is a
 * SHA-256-only pass over the same 1 MiB reads `copyAndHash` makes; `copy_and_hash_vs_openssl_ratio`
 * is `copyAndHash` itself, which also computes SHA-1 and writes (and flushes) the outbox's copy.
 * Median of three runs each.
 */
const FILE_BYTES = 512 * MB;
const RUNS = 3;

async function sha256Only(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: MB })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function seconds(run: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

const workDir = await mkdtemp(join(tmpdir(), 'chartdrop-bench-hash-'));
try {
  const path = join(workDir, 'scan.pdf');
  const block = randomBytes(16 * MB);
  const handle = await open(path, 'w');
  for (let written = 0; written < FILE_BYTES; written += block.length) await handle.write(block);
  await handle.close();

  const ours: number[] = [];
  const copying: number[] = [];
  const openssl: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    openssl.push(await seconds(() => {
      const result = spawnSync('openssl', ['dgst', '-sha256', path], { stdio: ['ignore', 'ignore', 'inherit'] });
      if (result.status !== 0) throw new Error('openssl dgst failed');
    }));
    ours.push(await seconds(() => sha256Only(path)));
    copying.push(await seconds(() => copyAndHash(path, join(workDir, 'copy'))));
    await rm(join(workDir, 'copy'), { force: true });
  }
  const mbS = (s: number) => FILE_BYTES / MB / s;
  printFigure('hash_sha256_mb_s', mbS(median(ours)), 'MB/s');
  printFigure('hash_openssl_mb_s', mbS(median(openssl)), 'MB/s');
  printFigure('hash_vs_openssl_ratio', median(openssl) / median(ours), 'ratio');
  printFigure('copy_and_hash_vs_openssl_ratio', median(openssl) / median(copying), 'ratio');
} finally {
  await rm(workDir, { recursive: true, force: true });
}
