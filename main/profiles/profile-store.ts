import Conf from 'conf';
import { ClinicProfileSchema, type ClinicProfile, type ClinicProfileInput } from './clinic-profile.js';

interface ProfileFile {
  profiles: ClinicProfileInput[];
  activeProfileId?: string;
}

/**
 * Clinic profiles on disk (plain JSON through `conf`; secrets never go here). The Electron shell
 * passes its `electron-store`, which is a `Conf` subclass, so both shells share this code.
 */
export class ProfileStore {
  readonly #conf: Conf<ProfileFile>;

  constructor(conf: Conf<ProfileFile>) {
    this.#conf = conf;
  }

  static open(dataDir: string): ProfileStore {
    return new ProfileStore(new Conf<ProfileFile>({ cwd: dataDir, configName: 'profiles', projectName: 'chartdrop', defaults: { profiles: [] } }));
  }

  list(): ClinicProfile[] {
    // A hand-edited or older file must not crash start-up: invalid entries are skipped.
    return this.#conf.get('profiles').flatMap((raw) => {
      const parsed = ClinicProfileSchema.safeParse(raw);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** The clinic to open, or null when none is configured (the launcher then runs demo mode). */
  active(): ClinicProfile | null {
    const profiles = this.list();
    const id = this.#conf.get('activeProfileId');
    return profiles.find((p) => p.id === id) ?? profiles[0] ?? null;
  }

  save(input: ClinicProfileInput): ClinicProfile {
    const profile = ClinicProfileSchema.parse(input);
    const others = this.#conf.get('profiles').filter((p) => p.id !== profile.id);
    this.#conf.set('profiles', [...others, input]);
    return profile;
  }

  setActive(id: string): void {
    if (!this.list().some((p) => p.id === id)) throw new Error(`no profile ${id}`);
    this.#conf.set('activeProfileId', id);
  }
}

/** The profile demo mode uses: the bundled sandbox's SMART server and its public client. */
export function demoProfile(sandbox: { fhirBaseUrl: string; clientId: string }): ClinicProfile {
  return ClinicProfileSchema.parse({
    id: 'demo',
    name: 'Demo clinic (sandbox)',
    kind: 'fhir',
    baseUrl: sandbox.fhirBaseUrl,
    clientId: sandbox.clientId,
  });
}
