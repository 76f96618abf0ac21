import { describe, expect, it } from 'vitest';
import { chartNumber, patientIdentity } from './patientIdentity';

describe('patient identity', () => {
  it('names a patient with birth date and chart number, so two of one name read differently', () => {
    const older = { displayName: 'Garcia, Maria', birthDate: '1958-04-17', identifiers: [{ label: 'MRN', value: '000101' }] };
    const younger = { displayName: 'Garcia, Maria', birthDate: '1994-09-23', identifiers: [{ label: 'MRN', value: '000102' }] };
    expect(patientIdentity(older)).toBe('Garcia, Maria · born 17 Apr 1958 · MRN 000101');
    expect(patientIdentity(older)).not.toBe(patientIdentity(younger));
  });

  it('does not repeat a label the value already carries', () => {
    expect(chartNumber({ identifiers: [{ label: 'MRN', value: 'MRN-000001' }] })).toBe('MRN-000001');
    expect(chartNumber({ identifiers: [{ label: 'PHN', value: '9876 543 210' }] })).toBe('PHN 9876 543 210');
  });

  it('says when the birth date is not recorded rather than leaving one identifier', () => {
    expect(patientIdentity({ displayName: 'Doe, Sam', identifiers: [{ label: 'MRN', value: '7' }] })).toBe('Doe, Sam · Date of birth not recorded · MRN 7');
  });
});
