import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuilt } from '../main/launch/builds.js';
import { demoProfile, ProfileStore } from '../main/profiles/profile-store.js';
import { median, MB, printFigure } from './support/figures.js';
import { startSandboxProcess } from './support/sandbox-process.js';

/**
 * RSS of the app's own process once its window is up and idle: `npm start`'s command (node with
 * tsx on main/launch/start.ts, the browser shell here), measured from /proc as the OS counts it. Demo
 * mode would run the sandbox inside that process, so the app is given a configured clinic instead,
 * pointing at the sandbox in a process of its own; Chromium's processes are not the app's either.
 */
const REPO = fileURLToPath(new URL('../', import.meta.url));
const READY_LINE = 'Close the window or press Ctrl+C to quit.';
/** Time for start-up's leftovers (the preload build, the first render) to settle before sampling. */
const SETTLE_MS = 5_000;
const SAMPLES = 20;
const SAMPLE_MS = 250;

async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  if (!Number.isFinite(kib)) throw new Error(`no VmRSS for process ${pid}`);
  return kib * 1024;
}


// Built here, so the app process does not load the renderer's build tools to do it.
await ensureRendererBuilt((line) => process.stderr.write(`${line}\n`));
const workDir = await mkdtemp(join(tmpdir(), 'chartdrop-bench-idle-'));
const sandbox = await startSandboxProcess();
try {
  const dataDir = join(workDir, 'data');
  const appTmp = join(workDir, 'tmp');
  await mkdir(appTmp, { recursive: true });
  const profiles = ProfileStore.open(dataDir);
  profiles.save({ ...demoProfile(sandbox.grant), id: 'bench', name: 'Bench clinic (sandbox process)' });
  profiles.setActive('bench');

  const env: NodeJS.ProcessEnv = { ...process.env, CHARTDROP_DATA_DIR: dataDir, TMPDIR: appTmp };
  delete env.DISPLAY;
  const app = spawn(process.execPath, ['--import', 'tsx', 'main/launch/start.ts'], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => app.once('exit', (code) => resolve(code)));
  try {
    await new Promise<void>((resolve, reject) => {
      let output = '';
      app.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(READY_LINE)) resolve();
      });
      void exited.then((code) => reject(new Error(`the app exited (${code}) before its window was up:\n${output}`)));
    });
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const appPid = app.pid ?? 0;
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      samples.push(await rssBytes(appPid));
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
    printFigure('idle_rss_mb', median(samples) / MB, 'MB');
  } finally {
    app.kill('SIGTERM');
    await exited;
  }
} finally {
  await sandbox.stop();
  await rm(workDir, { recursive: true, force: true });
}
