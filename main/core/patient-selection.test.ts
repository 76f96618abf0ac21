import { describe, expect, it } from 'vitest';
import type { EmrConnector } from '../emr/connector.js';
import { PatientContext } from '../emr/patient-context.js';
import type { PatientSummary } from '../emr/model.js';
import type { ProfileServices } from '../core/profile-services.js';
import { createHandlers, type HandlerServices } from './handlers.js';

const patient = (id: string, displayName: string): PatientSummary => ({ id, displayName, familyName: displayName, givenNames: '', identifiers: [] });

function handlersOver(getPatient: EmrConnector['getPatient']) {
  const patients = new PatientContext(() => undefined);
  const services = {
    active: () => ({ connector: { getPatient }, patients }) as unknown as ProfileServices,
  } as unknown as HandlerServices;
  return { handlers: createHandlers(services), patients };
}

describe("'patients:select'", () => {
  it('puts the chosen patient in the banner and the recent list', async () => {
    const { handlers, patients } = handlersOver(async (id) => patient(id, 'Chen'));
    await handlers['patients:select']({ patientId: 'pt-1' });
    expect(patients.active?.id).toBe('pt-1');
    expect(patients.recent.map((p) => p.id)).toEqual(['pt-1']);
  });

  it('changes nothing when the EMR answers with another patient than the one asked for', async () => {
    const { handlers, patients } = handlersOver(async (id) => patient(id === 'pt-2' ? 'pt-9' : id, 'Somebody else'));
    await handlers['patients:select']({ patientId: 'pt-1' });
    await expect(handlers['patients:select']({ patientId: 'pt-2' })).rejects.toMatchObject({ kind: 'unsupported' });
    expect(patients.active?.id).toBe('pt-1');
    expect(patients.recent.map((p) => p.id)).toEqual(['pt-1']);
  });
});
