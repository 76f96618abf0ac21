import type { Patient } from '@medplum/fhirtypes';
import type { SeededRandom } from '../random.js';
import { CITIES, FAMILY_NAMES, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, STREET_NAMES } from './names.js';

export const MRN_SYSTEM = 'urn:chartdrop:sandbox:mrn';

/** The facts a test needs to find a seeded patient again. */
export interface PatientFact {
  id: string;
  family: string;
  given: string;
  birthDate: string;
  gender: 'female' | 'male';
  mrn: string;
}

interface PatientSketch {
  family: string;
  given: string;
  birthDate: string;
  gender: 'female' | 'male';
}

/**
 * Hand-picked patients that every seed contains, so tests can rely on them: names with
 * apostrophes, hyphens and diacritics, two pairs born the same day, and two pairs with the
 * same name but different birth dates.
 */
const FIXTURE_PATIENTS: ReadonlyArray<PatientSketch> = [
  { family: "O'Brien", given: 'Siobhán', birthDate: '1978-03-14', gender: 'female' },
  { family: "D'Angelo", given: 'Mateo', birthDate: '1991-11-02', gender: 'male' },
  { family: 'Smith-Jones', given: 'Olivia', birthDate: '1985-06-30', gender: 'female' },
  { family: 'Müller', given: 'Zoë', birthDate: '2001-01-09', gender: 'female' },
  { family: 'Lefèvre', given: 'Hélène', birthDate: '1949-08-21', gender: 'female' },
  { family: 'Nguyễn', given: 'Văn Minh', birthDate: '1966-12-05', gender: 'male' },
  { family: 'Gagnon', given: 'Chloé', birthDate: '1980-02-29', gender: 'female' },
  { family: 'Patel', given: 'Raj', birthDate: '1980-02-29', gender: 'male' },
  { family: 'Chen', given: 'Wei', birthDate: '1972-07-04', gender: 'male' },
  { family: 'Kowalski', given: 'Ingrid', birthDate: '1972-07-04', gender: 'female' },
  { family: 'Garcia', given: 'Maria', birthDate: '1958-04-17', gender: 'female' },
  { family: 'Garcia', given: 'Maria', birthDate: '1994-09-23', gender: 'female' },
  { family: 'Tremblay', given: 'Jean-Luc', birthDate: '1963-10-11', gender: 'male' },
  { family: 'Tremblay', given: 'Jean-Luc', birthDate: '1990-05-28', gender: 'male' },
];

export const FIXTURE_PAIRS = {
  sameBirthDate: [
    [6, 7],
    [8, 9],
  ],
  sameNameDifferentBirthDate: [
    [10, 11],
    [12, 13],
  ],
} as const;

function randomSketch(random: SeededRandom): PatientSketch {
  const gender = random.next() < 0.5 ? 'female' : 'male';
  const given = random.pick(gender === 'female' ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES);
  const year = random.integer(1930, 2022);
  const month = random.integer(1, 12);
  const day = random.integer(1, 28);
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { family: random.pick(FAMILY_NAMES), given, birthDate, gender };
}

export function patientId(index: number): string {
  return `pt-${String(index + 1).padStart(4, '0')}`;
}

export function mrnFor(index: number): string {
  return `MRN-${String(index + 1).padStart(6, '0')}`;
}

function toPatient(index: number, sketch: PatientSketch, random: SeededRandom): Patient {
  return {
    resourceType: 'Patient',
    id: patientId(index),
    active: true,
    identifier: [
      {
        use: 'usual',
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical record number' }] },
        system: MRN_SYSTEM,
        value: mrnFor(index),
      },
    ],
    name: [{ use: 'official', family: sketch.family, given: sketch.given.split(' ') }],
    gender: sketch.gender,
    birthDate: sketch.birthDate,
    telecom: [{ system: 'phone', use: 'home', value: `+1 514-555-${String(random.integer(100, 199)).padStart(4, '0')}` }],
    address: [
      {
        use: 'home',
        line: [`${random.integer(1, 9999)} ${random.pick(STREET_NAMES)}`],
        city: random.pick(CITIES),
        state: 'QC',
        country: 'CA',
      },
    ],
  };
}

export interface SeededPatients {
  resources: Patient[];
  facts: PatientFact[];
}

/** `count` patients: the fixtures first, then seeded random ones. */
export function buildPatients(count: number, random: SeededRandom): SeededPatients {
  const resources: Patient[] = [];
  const facts: PatientFact[] = [];
  for (let index = 0; index < Math.max(count, FIXTURE_PATIENTS.length); index += 1) {
    const sketch = FIXTURE_PATIENTS[index] ?? randomSketch(random);
    resources.push(toPatient(index, sketch, random));
    facts.push({ id: patientId(index), ...sketch, mrn: mrnFor(index) });
  }
  return { resources, facts };
}
