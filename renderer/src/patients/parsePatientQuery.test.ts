import { describe, expect, it } from 'vitest';
import { describePatientQuery, parsePatientQuery } from './parsePatientQuery';

const query = (text: string, order: 'dmy' | 'mdy' = 'dmy') => parsePatientQuery(text, order).query;

describe('parsePatientQuery', () => {
  it('reads plain words as the name', () => {
    expect(query('  Tremblay  Amélie ')).toEqual({ name: 'Tremblay Amélie' });
  });

  it('reads an ISO date as the date of birth', () => {
    expect(query('1980-02-29')).toEqual({ birthDate: '1980-02-29' });
  });

  it('reads a token with digits as the chart identifier', () => {
    expect(query('MRN-000123')).toEqual({ identifier: 'MRN-000123' });
    expect(query('123456')).toEqual({ identifier: '123456' });
  });

  it('combines a name with a date of birth', () => {
    expect(query('smith 1980-02-29')).toEqual({ name: 'smith', birthDate: '1980-02-29' });
  });

  it('combines all three parts in any order', () => {
    expect(query('1975-07-14 123456 Roy')).toEqual({ name: 'Roy', birthDate: '1975-07-14', identifier: '123456' });
  });

  it('joins digit groups of one health number', () => {
    expect(query('9876 543 210')).toEqual({ identifier: '9876543210' });
  });

  it('drops a date that is not on the calendar instead of sending it, and says so', () => {
    expect(parsePatientQuery('1981-02-29', 'dmy')).toEqual({ query: null, birthDate: { typed: '1981-02-29', notOnCalendar: true } });
    expect(query('lee 1981-02-29')).toEqual({ name: 'lee' });
    expect(parsePatientQuery('lee 31/02/1981', 'dmy').birthDate).toEqual({ typed: '31/02/1981', notOnCalendar: true });
  });

  it('drops a one-letter name but keeps the rest', () => {
    expect(query('a 1980-02-29')).toEqual({ birthDate: '1980-02-29' });
    expect(query('a')).toBeNull();
  });

  it('returns null for blank text', () => {
    expect(query('   ')).toBeNull();
  });

  it('caps the name at the contract limit', () => {
    expect(query('x'.repeat(150))?.name).toHaveLength(100);
  });
});

describe('birth dates typed in the common forms', () => {
  it.each([
    ['1978-03-14'],
    ['1978/03/14'],
    ['14/03/1978'],
    ['14-03-1978'],
    ['14.03.1978'],
    ['14/3/1978'],
    ['14 Mar 1978'],
    ['14 mar. 1978'],
    ['14-Mar-1978'],
    ['14 March 1978'],
    ['March 14 1978'],
    ['March 14, 1978'],
    ['Mar 14th, 1978'],
    ['14 mars 1978'],
  ])('reads %s as 14 March 1978', (typed) => {
    const parsed = parsePatientQuery(`o'brien ${typed}`, 'dmy');
    expect(parsed.query).toEqual({ name: "o'brien", birthDate: '1978-03-14' });
    expect(parsed.birthDate).toMatchObject({ iso: '1978-03-14', ambiguous: false });
  });

  it('reads French month names with accents and the French first of the month', () => {
    expect(query('1er février 1980')).toEqual({ birthDate: '1980-02-01' });
    expect(query('15 août 1990')).toEqual({ birthDate: '1990-08-15' });
  });

  it('reads an ambiguous numeric date by the clinic setting and marks it ambiguous', () => {
    expect(parsePatientQuery('03/04/1978', 'dmy').birthDate).toEqual({ typed: '03/04/1978', iso: '1978-04-03', ambiguous: true });
    expect(parsePatientQuery('03/04/1978', 'mdy').birthDate).toEqual({ typed: '03/04/1978', iso: '1978-03-04', ambiguous: true });
    expect(parsePatientQuery('04/04/1978', 'mdy').birthDate).toMatchObject({ iso: '1978-04-04', ambiguous: false });
  });

  it('reads a numeric date that only works one way round that way, under either setting', () => {
    expect(parsePatientQuery('14/03/1978', 'mdy').birthDate).toMatchObject({ iso: '1978-03-14', ambiguous: false });
    expect(parsePatientQuery('03/14/1978', 'dmy').birthDate).toMatchObject({ iso: '1978-03-14', ambiguous: false });
  });

  it('does not take a name or a chart number for a month', () => {
    expect(query('14 Roy 1978')).toEqual({ name: 'Roy', identifier: '141978' });
    expect(query('Mayer 1978')).toEqual({ name: 'Mayer', identifier: '1978' });
    expect(query('MRN-000123')).toEqual({ identifier: 'MRN-000123' });
  });
});

describe('what the picker says it is searching for', () => {
  const said = (text: string, order: 'dmy' | 'mdy' = 'dmy') => describePatientQuery(parsePatientQuery(text, order), order);

  it('says how a typed birth date was read, in the one date format of the screen', () => {
    expect(said('14/03/1978')).toBe('Searching for born 14 Mar 1978');
    expect(said('March 14 1978')).toBe('Searching for born 14 Mar 1978');
    expect(said("o'brien 1978-03-14 123")).toBe('Searching for “o\'brien”, born 14 Mar 1978, chart number 123');
  });

  it('says which way an ambiguous date was read, by the clinic setting', () => {
    expect(said('03/04/1978', 'dmy')).toBe('Searching for born 3 Apr 1978 (03/04/1978 read day first, as this clinic writes dates)');
    expect(said('03/04/1978', 'mdy')).toBe('Searching for born 4 Mar 1978 (03/04/1978 read month first, as this clinic writes dates)');
  });

  it('says when a date was left out because it is not on the calendar', () => {
    expect(said('roy 31/02/1981')).toBe('31/02/1981 is not a date on the calendar, so it was left out of the search. Searching for “roy”');
  });

  it('says nothing for nothing', () => {
    expect(said('')).toBe('');
  });
});
