import { describe, expect, it } from 'vitest';
import { displayNameOf, fhirUserUrl } from './signed-in-user.js';

const base = 'https://ehr.example/fhir/R4';

describe('fhirUserUrl', () => {
  it('resolves an absolute or relative fhirUser on the FHIR server the token is for', () => {
    expect(fhirUserUrl(`${base}/Practitioner/abc-1`, base)?.href).toBe(`${base}/Practitioner/abc-1`);
    expect(fhirUserUrl('Practitioner/abc-1', `${base}/`)?.href).toBe(`${base}/Practitioner/abc-1`);
  });

  it('never sends the access token anywhere else', () => {
    expect(fhirUserUrl('https://evil.example/fhir/R4/Practitioner/1', base)).toBeUndefined();
    expect(fhirUserUrl('https://ehr.example/fhir/R4-other/Practitioner/1', base)).toBeUndefined();
    expect(fhirUserUrl('../../admin/Practitioner/1', base)).toBeUndefined();
    expect(fhirUserUrl('Practitioner/1?_format=xml', base)).toBeUndefined();
    expect(fhirUserUrl('Practitioner/1/_history/2', base)).toBeUndefined();
  });
});

describe('displayNameOf', () => {
  it('builds the name from prefix, given and family, preferring the usual or official name', () => {
    expect(displayNameOf([{ use: 'old', family: 'Gagnon', given: ['Amélie'] }, { use: 'official', prefix: ['Dr.'], given: ['Amélie', 'J.'], family: 'Tremblay' }])).toBe('Dr. Amélie J. Tremblay');
    expect(displayNameOf([{ use: 'official', family: 'Tremblay' }, { use: 'usual', text: 'Amy Tremblay' }])).toBe('Amy Tremblay');
  });

  it('has no name for an old or maiden name only, or an empty one', () => {
    expect(displayNameOf([{ use: 'maiden', family: 'Gagnon' }])).toBeUndefined();
    expect(displayNameOf([{ given: ['  '] }])).toBeUndefined();
    expect(displayNameOf([])).toBeUndefined();
  });
});
