import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FhirConnector } from '../../main/emr/fhir/fhir-connector.js';
import { createEmrHttp } from '../../main/emr/http.js';
import { demoProfile } from '../../main/profiles/profile-store.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { signInForTests } from '../../sandbox/sign-in-for-tests.js';

let sandbox: Sandbox;
let connector: FhirConnector;

beforeAll(async () => {
  sandbox = await startSandbox();
  const { accessToken, tokens } = await signInForTests(sandbox);
  const profile = demoProfile(sandbox);
  connector = new FhirConnector({
    profile,
    http: createEmrHttp({ prefixUrl: profile.baseUrl, tokens: { accessToken: async () => accessToken, afterUnauthorized: async () => accessToken } }),
    grantedScope: () => tokens.scope ?? '',
    fhirUser: () => undefined,
  });
});
afterAll(() => sandbox?.close());

const fixture = (family: string) => {
  const found = sandbox.fhir.seed.patients.find((p) => p.family === family);
  if (!found) throw new Error(`the seed has no ${family}`);
  return found;
};
const idsFor = async (name: string) => (await connector.searchPatients({ name })).map((p) => p.id);

describe('patient search over HTTP matches names as real FHIR servers do', () => {
  it('ignores case and accents: "siobhan" finds Siobhán, "muller" finds Müller, "nguyen" finds Nguyễn', async () => {
    expect(await idsFor('siobhan')).toContain(fixture("O'Brien").id);
    expect(await idsFor("SIOBHAN O'BRIEN")).toEqual([fixture("O'Brien").id]);
    expect(await idsFor('muller')).toContain(fixture('Müller').id);
    expect(await idsFor('zoe muller')).toContain(fixture('Müller').id);
    expect(await idsFor('helene lefevre')).toEqual([fixture('Lefèvre').id]);
    expect(await idsFor('nguyen van minh')).toContain(fixture('Nguyễn').id);
  });

  it('still finds a name typed with its accents, and "family, given" the same way', async () => {
    expect(await idsFor('Siobhán')).toContain(fixture("O'Brien").id);
    expect((await connector.searchPatients({ name: 'muller, zoe' })).map((p) => p.id)).toContain(fixture('Müller').id);
  });
});
