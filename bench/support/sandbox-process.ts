import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const SERVER = fileURLToPath(new URL('./sandbox-server.ts', import.meta.url));

export const SandboxGrantSchema = z.object({
  fhirBaseUrl: z.string(),
  clientId: z.string(),
  accessToken: z.string(),
  grantedScope: z.string(),
  fhirUser: z.string().optional(),
  patient: z.object({ id: z.string(), family: z.string(), given: z.string(), birthDate: z.string(), mrn: z.string() }),
});
export type SandboxGrant = z.infer<typeof SandboxGrantSchema>;

export interface SandboxProcess {
  grant: SandboxGrant;
  stop(): Promise<void>;
}

/** Starts `sandbox-server.ts` in its own Node process and waits for its sign-in line. */
export async function startSandboxProcess(): Promise<SandboxProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      lines.close();
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`the sandbox process exited early (${code})`)));
  });
  return { grant: SandboxGrantSchema.parse(JSON.parse(firstLine)), stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
