import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchOutbox } from './support/bench-outbox.js';
import { median, printFigure } from './support/figures.js';
import { startSandboxProcess } from './support/sandbox-process.js';

/** `FhirConnector.searchPatients` round trip to the sandbox in its own process: median of 50 after a warm-up. */
const CALLS = 50;

const workDir = await mkdtemp(join(tmpdir(), 'chartdrop-bench-search-'));
const sandbox = await startSandboxProcess();
try {
  const { connector, outbox } = await startBenchOutbox(sandbox.grant, workDir, 1);
  const query = { name: sandbox.grant.patient.family.slice(0, 3) };
  await connector.searchPatients(query);
  const times: number[] = [];
  for (let call = 0; call < CALLS; call++) {
    const started = performance.now();
    await connector.searchPatients(query);
    times.push(performance.now() - started);
  }
  await outbox.dispose();
  printFigure('patient_search_roundtrip_ms', median(times), 'ms');
} finally {
  await sandbox.stop();
  await rm(workDir, { recursive: true, force: true });
}
