import { describe, expect, it } from 'vitest';
import type { EmrConnector } from '../emr/connector.js';
import type { PatientSummary } from '../emr/model.js';
import { PatientContext } from '../emr/patient-context.js';
import { selectPatient } from './patient-selection.js';

const patient = (id: string, displayName: string): PatientSummary => ({ id, displayName, familyName: displayName, givenNames: '', identifiers: [] });

function selectorOver(getPatient: EmrConnector['getPatient']) {
  const patients = new PatientContext(() => undefined);
  return { select: (id: string) => selectPatient({ getPatient }, patients, id), patients };
}

describe('selectPatient', () => {
  it('puts the chosen patient in the banner and the recent list', async () => {
    const { select, patients } = selectorOver(async (id) => patient(id, 'Chen'));
    await select('pt-1');
    expect(patients.active?.id).toBe('pt-1');
    expect(patients.recent.map((p) => p.id)).toEqual(['pt-1']);
  });

  it('changes nothing when the EMR answers with another patient than the one asked for', async () => {
    const { select, patients } = selectorOver(async (id) => patient(id === 'pt-2' ? 'pt-9' : id, 'Somebody else'));
    await select('pt-1');
    await expect(select('pt-2')).rejects.toMatchObject({ kind: 'unsupported' });
    expect(patients.active?.id).toBe('pt-1');
    expect(patients.recent.map((p) => p.id)).toEqual(['pt-1']);
  });
});
