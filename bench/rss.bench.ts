import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentRequest, startBenchOutbox } from './support/bench-outbox.js';
import { MB, printFigure } from './support/figures.js';
import { startSandboxProcess } from './support/sandbox-process.js';

/**
 * Peak RSS growth of this process while the outbox takes one 1 GB file — copy and hash at drop
 * time, then the streamed upload — with the sandbox in another process so its memory does not
 * count. The file is sparse (zeros): memory use does not depend on the bytes.
 */
const FILE_BYTES = 1024 * MB;
const SAMPLE_MS = 50;

const workDir = await mkdtemp(join(tmpdir(), 'chartdrop-bench-rss-'));
const sandbox = await startSandboxProcess();
try {
  const path = join(workDir, 'big-scan.pdf');
  const handle = await open(path, 'w');
  await handle.write('%PDF-1.4\n');
  await handle.truncate(FILE_BYTES);
  await handle.close();

  const bench = await startBenchOutbox(sandbox.grant, join(workDir, 'app'), 2);
  await bench.connector.capabilities();
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, SAMPLE_MS);
  const started = performance.now();
  await bench.outbox.enqueueDocuments(bench.patient, [documentRequest(path, 'big-scan.pdf', FILE_BYTES)]);
  await bench.allSent();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  await bench.outbox.dispose();

  printFigure('rss_growth_1gb_mb', (peak - baseline) / MB, 'MB');
  printFigure('rss_baseline_mb', baseline / MB, 'MB');
  printFigure('enqueue_and_upload_1gb_s', seconds, 's');
} finally {
  await sandbox.stop();
  await rm(workDir, { recursive: true, force: true });
}
