import { startSandbox } from '../../sandbox/index.js';
import { signInForTests } from '../../sandbox/sign-in-for-tests.js';

/**
 * The sandbox in a process of its own, as `sandbox/cli.ts` runs it, so that its memory and CPU
 * are not counted against the code being measured. It signs in once through the real pages and
 * prints what a client needs as one JSON line, then serves until SIGTERM.
 */
const sandbox = await startSandbox({ patientCount: 240 });
const { accessToken, tokens } = await signInForTests(sandbox);
const fhirUser = tokens.claims()?.fhirUser;
process.stdout.write(
  `${JSON.stringify({
    fhirBaseUrl: sandbox.fhirBaseUrl,
    clientId: sandbox.clientId,
    accessToken,
    grantedScope: tokens.scope ?? '',
    ...(typeof fhirUser === 'string' ? { fhirUser } : {}),
    patient: sandbox.fhir.seed.patients[0],
  })}\n`,
);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
