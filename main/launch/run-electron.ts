import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const APP_DIR = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs the Electron shell on this checkout (package.json `main` points at the built main bundle)
 * and resolves with its exit code. Ctrl+C and SIGTERM are passed on so Electron quits cleanly.
 */
export function runElectron(binary: string): Promise<number> {
  const child = spawn(binary, [APP_DIR], { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
