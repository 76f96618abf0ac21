import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startSandbox } from './index.js';

/** `npx tsx sandbox/cli.ts [--port N] [--faults JSON]`: run the sandbox until SIGINT/SIGTERM. */

const faultRulesSchema = z.array(
  z.object({
    method: z.string().optional(),
    path: z.string().optional(),
    kind: z.enum(['status-500', 'status-503', 'rate-limit', 'hang', 'reset-before', 'reset-after', 'corrupt-body']),
    probability: z.number().min(0).max(1).optional(),
    times: z.number().int().positive().optional(),
    retryAfterSeconds: z.number().nonnegative().optional(),
    hangMs: z.number().nonnegative().optional(),
  }),
);

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    faults: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be 0..65535, got ${values.port}`);
  process.exit(2);
}
const rules = values.faults === undefined ? [] : faultRulesSchema.parse(JSON.parse(values.faults));

const sandbox = await startSandbox({ port, ...(values.verbose ? { log: (line: string) => console.log(line) } : {}) });
for (const rule of rules) sandbox.faults.add(rule);

console.log(`ChartDrop sandbox — synthetic data
  home:      ${sandbox.origin}/
  issuer:    ${sandbox.issuer}
  FHIR base: ${sandbox.fhirBaseUrl}
  client id: ${sandbox.clientId} (public, PKCE S256, redirect http://127.0.0.1:<any port>/chartdrop/callback)
  users:
${sandbox.users.map((user) => `    ${user.login} / ${user.password}  (${user.displayName}, ${user.role})`).join('\n')}
${rules.length > 0 ? `  faults:    ${rules.length} rule(s) active\n` : ''}Press Ctrl+C to stop.`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: closing the sandbox`);
  await sandbox.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
