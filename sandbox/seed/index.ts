import type { Practitioner } from '@medplum/fhirtypes';
import type { MemoryRepository } from '@medplum/fhir-router';
import { createSeededRandom } from '../random.js';
import { SANDBOX_USERS, type SandboxUser } from '../users.js';
import { buildExistingDocuments, type DocumentFact } from './documents.js';
import { buildPatients, FIXTURE_PAIRS, type PatientFact } from './patients.js';
import { buildTodaysSchedule, type ScheduleFact } from './schedule.js';

export { MRN_SYSTEM, type PatientFact } from './patients.js';
export type { ScheduleFact } from './schedule.js';
export type { DocumentFact } from './documents.js';

/** What the seed put in the repository, for tests that need a particular kind of patient. */
export interface SeedFacts {
  patients: ReadonlyArray<PatientFact>;
  /** Patients whose family name contains an apostrophe (O'Brien, D'Angelo). */
  apostropheNames: ReadonlyArray<PatientFact>;
  /** Patients whose family name is hyphenated (Smith-Jones). */
  hyphenatedNames: ReadonlyArray<PatientFact>;
  /** Patients whose name carries diacritics (Zoë Müller, Hélène Lefèvre, Văn Minh Nguyễn). */
  accentedNames: ReadonlyArray<PatientFact>;
  /** Different people born on the same day. */
  sameBirthDatePairs: ReadonlyArray<readonly [PatientFact, PatientFact]>;
  /** Same given and family name, different birth dates. */
  sameNameDifferentBirthDatePairs: ReadonlyArray<readonly [PatientFact, PatientFact]>;
  encountersToday: ReadonlyArray<ScheduleFact>;
  appointmentsToday: ReadonlyArray<ScheduleFact>;
  patientsWithDocuments: ReadonlyArray<DocumentFact>;
}

function toPractitioner(user: SandboxUser): Practitioner {
  return {
    resourceType: 'Practitioner',
    id: user.practitionerId,
    active: true,
    name: [{ use: 'official', family: user.family, given: [user.given], prefix: user.role === 'physician' ? ['Dr.'] : [] }],
  };
}

function pairOf(facts: ReadonlyArray<PatientFact>, [first, second]: readonly [number, number]): readonly [PatientFact, PatientFact] {
  const a = facts[first];
  const b = facts[second];
  if (!a || !b) throw new RangeError('fixture pair points past the seeded patients');
  return [a, b];
}

const DIACRITIC = /[\u0080-\uffff]/;

export async function seedRepository(repo: MemoryRepository, options: { seed: number; patientCount: number }): Promise<SeedFacts> {
  const random = createSeededRandom(options.seed);
  const physician = SANDBOX_USERS.find((user) => user.role === 'physician');
  if (!physician) throw new Error('the sandbox needs a physician user');

  const patients = buildPatients(options.patientCount, random);
  const patientIds = patients.facts.map((fact) => fact.id);
  const schedule = buildTodaysSchedule(patientIds, physician.practitionerId, random);
  const documents = buildExistingDocuments(patientIds, physician.practitionerId, random);

  const resources = [
    ...SANDBOX_USERS.map(toPractitioner),
    ...patients.resources,
    ...schedule.appointments,
    ...schedule.encounters,
    ...documents.resources,
  ];
  for (const resource of resources) await repo.createResource(resource);

  const facts = patients.facts;
  return {
    patients: facts,
    apostropheNames: facts.filter((p) => p.family.includes("'")),
    hyphenatedNames: facts.filter((p) => p.family.includes('-')),
    accentedNames: facts.filter((p) => DIACRITIC.test(p.family) || DIACRITIC.test(p.given)),
    sameBirthDatePairs: FIXTURE_PAIRS.sameBirthDate.map((pair) => pairOf(facts, pair)),
    sameNameDifferentBirthDatePairs: FIXTURE_PAIRS.sameNameDifferentBirthDate.map((pair) => pairOf(facts, pair)),
    encountersToday: schedule.encounterFacts,
    appointmentsToday: schedule.appointmentFacts,
    patientsWithDocuments: documents.facts,
  };
}
