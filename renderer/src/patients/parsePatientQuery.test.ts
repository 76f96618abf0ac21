import { describe, expect, it } from 'vitest';
import { parsePatientQuery } from './parsePatientQuery';

describe('parsePatientQuery', () => {
  it('reads plain words as the name', () => {
    expect(parsePatientQuery('  Tremblay  Amélie ')).toEqual({ name: 'Tremblay Amélie' });
  });

  it('reads an ISO date as the date of birth', () => {
    expect(parsePatientQuery('1980-02-29')).toEqual({ birthDate: '1980-02-29' });
  });

  it('reads a token with digits as the chart identifier', () => {
    expect(parsePatientQuery('MRN-000123')).toEqual({ identifier: 'MRN-000123' });
    expect(parsePatientQuery('123456')).toEqual({ identifier: '123456' });
  });

  it('combines a name with a date of birth', () => {
    expect(parsePatientQuery('smith 1980-02-29')).toEqual({ name: 'smith', birthDate: '1980-02-29' });
  });

  it('combines all three parts in any order', () => {
    expect(parsePatientQuery('1975-07-14 123456 Roy')).toEqual({ name: 'Roy', birthDate: '1975-07-14', identifier: '123456' });
  });

  it('joins digit groups of one health number', () => {
    expect(parsePatientQuery('9876 543 210')).toEqual({ identifier: '9876543210' });
  });

  it('drops a date that is not on the calendar instead of sending it', () => {
    expect(parsePatientQuery('1981-02-29')).toBeNull();
    expect(parsePatientQuery('lee 1981-02-29')).toEqual({ name: 'lee' });
  });

  it('drops a one-letter name but keeps the rest', () => {
    expect(parsePatientQuery('a 1980-02-29')).toEqual({ birthDate: '1980-02-29' });
    expect(parsePatientQuery('a')).toBeNull();
  });

  it('returns null for blank text', () => {
    expect(parsePatientQuery('   ')).toBeNull();
  });

  it('caps the name at the contract limit', () => {
    expect(parsePatientQuery('x'.repeat(150))?.name).toHaveLength(100);
  });
});
