import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { signInForTests } from '../../sandbox/sign-in-for-tests.js';
import { samplePdf, sha256 } from '../support/documents.js';
import type { CrashWorkerPlan } from '../support/outbox-crash-worker.js';
import { patientSummary } from '../support/outbox-rig.js';
import { timesFiled } from '../support/outbox-server-checks.js';

const WORKER = fileURLToPath(new URL('../support/outbox-crash-worker.ts', import.meta.url));
const FILES = 30;
const PATIENTS = 3;
const MAX_KILL_ROUNDS = 20;
/** Killing stops after this, whatever the round count, so the whole test stays near a minute on two cores. */
const KILLING_BUDGET_MS = 35_000;
/** After READY, a worker lives up to this long before SIGKILL: long enough to send some, short enough to die mid-send. */
const MAX_LIFE_MS = 400;
/** Padding makes each upload take a little while on loopback, so kills land mid-send as well as between sends. */
const PADDING_BYTES = 512 * 1024;
const FINAL_ROUND_TIMEOUT_MS = 30_000;

/** About one FHIR request in ten fails, in every way the sandbox can fail one, including commit-then-drop. */
const FAULTS = [
  { kind: 'status-500', probability: 0.02 },
  { kind: 'status-503', probability: 0.02 },
  { kind: 'rate-limit', probability: 0.01, retryAfterSeconds: 1 },
  { kind: 'hang', probability: 0.01 },
  { kind: 'reset-before', probability: 0.015 },
  { kind: 'reset-after', probability: 0.025 },
] as const;

interface Round {
  acked: string[];
  ending: 'killed' | 'all-sent' | 'stuck' | 'timed-out' | 'exited';
  detail: string;
}

let sandbox: Sandbox;
let workDir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ patientCount: 10 });
  workDir = await mkdtemp(join(tmpdir(), 'chartdrop-crash-'));
});
afterAll(async () => {
  await sandbox?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Runs the worker once; kills it `killAfterMs` after it says READY, or lets it finish when undefined. */
function runWorker(plan: CrashWorkerPlan, killAfterMs: number | undefined): Promise<Round> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify(plan)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const round: Round = { acked: [], ending: 'exited', detail: '' };
    let stderr = '';
    const timers: NodeJS.Timeout[] = [];
    const kill = (ending: Round['ending']) => {
      if (child.exitCode === null && child.signalCode === null) {
        round.ending = ending;
        child.kill('SIGKILL');
      }
    };
    timers.push(setTimeout(() => kill('timed-out'), FINAL_ROUND_TIMEOUT_MS));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'READY' && killAfterMs !== undefined) timers.push(setTimeout(() => kill('killed'), killAfterMs));
      else if (line.startsWith('ACK ')) round.acked.push(line.slice(4));
      else if (line === 'ALLSENT') round.ending = 'all-sent';
      else if (line.startsWith('STUCK ')) Object.assign(round, { ending: 'stuck', detail: line });
    });
    child.on('close', () => {
      timers.forEach(clearTimeout);
      if (round.ending === 'exited') round.detail = stderr.slice(-2000);
      resolve(round);
    });
  });
}

describe('outbox crash safety', () => {
  it('files every acknowledged document exactly once although the app is killed again and again mid-queue and mid-send', { timeout: 120_000 }, async () => {
    const started = Date.now();
    const { accessToken, tokens } = await signInForTests(sandbox);
    const fhirUser = tokens.claims()?.fhirUser;
    const patients = sandbox.fhir.seed.patients.slice(0, PATIENTS).map(patientSummary);
    const dropDir = join(workDir, 'drops');
    await mkdir(dropDir, { recursive: true });
    const files = await Promise.all(
      Array.from({ length: FILES }, async (_, i) => {
        const bytes = Buffer.concat([samplePdf(`crash test file ${i} ${started}`), randomBytes(PADDING_BYTES)]);
        const name = `file-${String(i).padStart(2, '0')}.pdf`;
        await writeFile(join(dropDir, name), bytes);
        return { name, path: join(dropDir, name), size: bytes.length, sha: sha256(bytes), patient: patients[i % PATIENTS]! };
      }),
    );
    for (const fault of FAULTS) sandbox.faults.add({ path: '/fhir/R4', ...fault });

    const acknowledged = new Set<string>();
    const dataKeyHex = randomBytes(32).toString('hex');
    const planFor = (): CrashWorkerPlan => ({
      fhirBaseUrl: sandbox.fhirBaseUrl,
      clientId: sandbox.clientId,
      accessToken,
      grantedScope: tokens.scope ?? '',
      ...(typeof fhirUser === 'string' ? { fhirUser } : {}),
      dataDir: join(workDir, 'app-data'),
      dataKeyHex,
      // A restart only resumes, and queues again what the last life had not acknowledged.
      files: files.filter((f) => !acknowledged.has(f.name)).map(({ name, path, size, patient }) => ({ name, path, size, patient })),
    });

    let rounds = 0;
    while (rounds < MAX_KILL_ROUNDS && Date.now() - started < KILLING_BUDGET_MS) {
      const round = await runWorker(planFor(), Math.floor(Math.random() * MAX_LIFE_MS));
      round.acked.forEach((name) => acknowledged.add(name));
      rounds += 1;
      expect(round.ending, round.detail).not.toMatch(/stuck|exited|timed-out/);
      if (round.ending === 'all-sent' && acknowledged.size === FILES) break;
    }
    const final = await runWorker(planFor(), undefined);
    final.acked.forEach((name) => acknowledged.add(name));
    expect(final.ending, final.detail).toBe('all-sent');

    const counts = await Promise.all(files.map((f) => timesFiled(sandbox, f.patient.id, f.sha)));
    const lost = counts.filter((n) => n === 0).length;
    const duplicated = counts.filter((n) => n > 1).length;
    console.log(`CRASH rounds=${rounds} files=${acknowledged.size} lost=${lost} duplicated=${duplicated}`);
    console.log(`crash test: ${((Date.now() - started) / 1000).toFixed(1)} s, ${sandbox.faults.injected} faults injected`);
    expect(acknowledged.size).toBe(FILES);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
  });
});
