import type { Appointment, Encounter } from '@medplum/fhirtypes';
import type { SeededRandom } from '../random.js';
import { localInstant, todayAt } from './local-time.js';

export interface ScheduleFact {
  patientId: string;
  resourceId: string;
  start: string;
  status: string;
}

export interface SeededSchedule {
  encounters: Encounter[];
  appointments: Appointment[];
  encounterFacts: ScheduleFact[];
  appointmentFacts: ScheduleFact[];
}

const ENCOUNTER_STATUSES = ['arrived', 'in-progress', 'finished'] as const;
const APPOINTMENT_STATUSES = ['booked', 'arrived'] as const;

/** Distinct patients for the day's list, drawn with the seeded RNG. */
function choosePatients(patientIds: ReadonlyArray<string>, count: number, random: SeededRandom): string[] {
  const pool = [...patientIds];
  const chosen: string[] = [];
  while (chosen.length < count && pool.length > 0) {
    const [id] = pool.splice(random.integer(0, pool.length - 1), 1);
    if (id !== undefined) chosen.push(id);
  }
  return chosen;
}

/** Slot `index` of the day: every 20 minutes from 08:30 local time. */
function slot(index: number): { start: Date; end: Date } {
  const start = todayAt(8, 30 + index * 20);
  return { start, end: new Date(start.getTime() + 20 * 60_000) };
}

export function buildTodaysSchedule(patientIds: ReadonlyArray<string>, practitionerId: string, random: SeededRandom): SeededSchedule {
  const practitioner = { reference: `Practitioner/${practitionerId}` };
  const appointmentPatients = choosePatients(patientIds, 12, random);
  const encounterPatients = appointmentPatients.slice(0, 10);

  const appointments: Appointment[] = appointmentPatients.map((patientId, index) => {
    const { start, end } = slot(index);
    return {
      resourceType: 'Appointment',
      id: `appt-${String(index + 1).padStart(3, '0')}`,
      status: random.pick(APPOINTMENT_STATUSES),
      description: 'Office visit',
      start: localInstant(start),
      end: localInstant(end),
      minutesDuration: 20,
      participant: [
        { actor: { reference: `Patient/${patientId}` }, status: 'accepted' },
        { actor: practitioner, status: 'accepted' },
      ],
    };
  });

  const encounters: Encounter[] = encounterPatients.map((patientId, index) => {
    const { start, end } = slot(index);
    const status = random.pick(ENCOUNTER_STATUSES);
    return {
      resourceType: 'Encounter',
      id: `enc-${String(index + 1).padStart(3, '0')}`,
      status,
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
      subject: { reference: `Patient/${patientId}` },
      participant: [{ individual: practitioner }],
      period: status === 'finished' ? { start: localInstant(start), end: localInstant(end) } : { start: localInstant(start) },
      appointment: [{ reference: `Appointment/appt-${String(index + 1).padStart(3, '0')}` }],
    };
  });

  return {
    appointments,
    encounters,
    appointmentFacts: appointments.map((a, index) => ({
      patientId: appointmentPatients[index] ?? '',
      resourceId: a.id ?? '',
      start: a.start ?? '',
      status: a.status,
    })),
    encounterFacts: encounters.map((e, index) => ({
      patientId: encounterPatients[index] ?? '',
      resourceId: e.id ?? '',
      start: e.period?.start ?? '',
      status: e.status,
    })),
  };
}
