import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench`: every `bench/*.bench.ts` in turn, each in its own Node process so that one's
 * memory, sockets and children cannot colour another's figures. Their `FIGURE` lines pass
 * through as they come; nothing is asserted.
 */
const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));

function runBench(path: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path], { stdio: 'inherit' });
    child.once('close', (code) => resolve(code));
  });
}

const started = performance.now();
const benches = (await readdir(BENCH_DIR)).filter((name) => name.endsWith('.bench.ts')).sort();
const failed: string[] = [];
for (const name of benches) {
  const benchStarted = performance.now();
  const code = await runBench(join(BENCH_DIR, name));
  process.stdout.write(`# ${name}: ${((performance.now() - benchStarted) / 1000).toFixed(1)} s${code === 0 ? '' : `, exited ${code}`}\n`);
  if (code !== 0) failed.push(name);
}
process.stdout.write(`# all benches: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
if (failed.length > 0) process.exitCode = 1;
