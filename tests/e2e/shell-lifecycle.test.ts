import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };

/**
 * Issue 8: Ctrl+C left `chartdrop-chromium-*`, `chartdrop-sandbox-*` and Playwright's folders
 * behind in 4 of 14 runs, exiting 130 without "ChartDrop stopped.". This runs `npm start` (demo
 * mode) and stops it again and again, SIGINT to the whole process group as a terminal's Ctrl+C
 * does and SIGTERM to the app's process as `kill` does, at moments from module loading to an idle window. Each
 * time it must exit 0 having said so, no process of it may be left, and its TMPDIR must hold
 * nothing of it.
 *
 * The built renderer must be there (`npm test` builds before it runs vitest).
 */

const REPO = fileURLToPath(new URL('../../', import.meta.url));
/**
 * `npm start`'s command, run without npm in front: npm itself re-raises a SIGINT its child got,
 * by convention, so its own exit says nothing about the app's.
 */
const START_ARGS = ((): string[] => {
  const command = String(packageJson.scripts.start);
  const [program, ...args] = command.split(' ');
  if (program !== 'node') throw new Error(`npm start no longer runs node directly: ${command}`);
  return args;
})();
/** The first line ChartDrop's own code prints: its stop handling is in place by then. */
const STARTING_LINE = 'starting the browser shell';
const READY_LINE = 'Close the window or press Ctrl+C to quit.';

/**
 * When each stop is sent, in ms after a line of the app's output: from the first one (modules
 * loading, the sandbox starting, the preload building, Chromium launching) to an idle window.
 */
type Moment = { after: 'starting' | 'ready'; ms: number };
const MOMENTS: Moment[] = [
  ...[0, 100, 250, 400, 550, 700, 1000, 1300, 1600, 2000, 2700, 3500, 4500, 5500].map((ms) => ({ after: 'starting' as const, ms })),
  ...[0, 0, 250, 500, 1000, 2000].map((ms) => ({ after: 'ready' as const, ms })),
];
/** Start-up to an idle window takes 10–20 s on two busy cores; a stop then takes about one. */
const EXIT_WITHIN_MS = 90_000;

/** tsx keeps its compile cache in TMPDIR on purpose; it is tsx's, not the app's. */
const isTsxCache = (name: string) => /^tsx-/.test(name);

let root: string;
let tmp: string;
let dataDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'chartdrop-lifecycle-'));
  tmp = join(root, 'tmp');
  dataDir = join(root, 'data');
  await mkdir(tmp);
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

/** Processes whose environment names this run's TMPDIR: the app, its Chromium, their children. */
async function processesOfThisRun(): Promise<string[]> {
  const marker = `TMPDIR=${tmp}\0`;
  const found: string[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const environ = await readFile(`/proc/${pid}/environ`, 'latin1').catch(() => '');
    if (!`${environ}\0`.includes(marker)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'latin1').catch(() => '');
    found.push(`${pid} ${cmdline.replaceAll('\0', ' ').slice(0, 120)}`);
  }
  return found;
}

async function untilGone(timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = await processesOfThisRun();
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Cycle {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  sentAtMs: number;
  stoppedInMs: number;
}

function startAndStop(stopWith: 'SIGINT' | 'SIGTERM', moment: Moment): Promise<Cycle> {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, CHARTDROP_DATA_DIR: dataDir };
  delete env.DISPLAY;
  // detached: its own process group, so SIGINT can go to the whole group as Ctrl+C sends it.
  const child = spawn(process.execPath, START_ARGS, { cwd: REPO, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const spawnedAt = performance.now();
  let output = '';
  let sentAt = 0;
  const send = () => {
    if (sentAt !== 0 || child.exitCode !== null) return;
    sentAt = performance.now();
    if (stopWith === 'SIGINT') process.kill(-(child.pid ?? 0), 'SIGINT');
    else child.kill('SIGTERM');
  };
  let armed = false;
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (!armed && output.includes(moment.after === 'starting' ? STARTING_LINE : READY_LINE)) {
      armed = true;
      setTimeout(send, moment.ms);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  return new Promise((resolve, reject) => {
    const overdue = setTimeout(() => {
      process.kill(-(child.pid ?? 0), 'SIGKILL');
      reject(new Error(`the app had not exited ${EXIT_WITHIN_MS} ms after it was started and sent ${stopWith}:\n${output}`));
    }, EXIT_WITHIN_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(overdue);
      const now = performance.now();
      resolve({ code, signal, output, sentAtMs: sentAt === 0 ? -1 : sentAt - spawnedAt, stoppedInMs: sentAt === 0 ? -1 : now - sentAt });
    });
  });
}

describe('npm start stops cleanly on SIGINT and SIGTERM', () => {
  it(`leaves no process and no temp folder behind in ${MOMENTS.length} starts and stops`, { timeout: 400_000 }, async () => {
    expect(existsSync(join(REPO, 'out', 'renderer', 'index.html')), 'run npm run build first').toBe(true);
    const timings: string[] = [];
    for (const [index, moment] of MOMENTS.entries()) {
      const stopWith = index % 2 === 0 ? 'SIGINT' : 'SIGTERM';
      const cycle = await startAndStop(stopWith, moment);
      const label = `cycle ${index + 1}: ${stopWith} ${JSON.stringify(moment)}`;
      timings.push(`${label} sent at ${(cycle.sentAtMs / 1000).toFixed(1)} s, stopped in ${(cycle.stoppedInMs / 1000).toFixed(1)} s`);

      expect([cycle.code, cycle.signal], `${label}\n${cycle.output}`).toEqual([0, null]);
      expect(cycle.output, label).toContain('ChartDrop stopped.');
      expect(await untilGone(5000), label).toEqual([]);
      expect((await readdir(tmp)).filter((name) => !isTsxCache(name)), label).toEqual([]);
    }
    console.log(timings.join('\n'));
  });
});
