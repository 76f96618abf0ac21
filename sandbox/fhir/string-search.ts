import { convertToSearchableStrings, evalFhirPathTyped, getSearchParameters, Operator, splitSearchOnComma, toTypedValue, type Filter, type TypedValue } from '@medplum/core';
import type { Address, HumanName, Resource } from '@medplum/fhirtypes';

/**
 * FHIR string search as real servers do it (FHIR R4 search §3.1.1.4.5 "string"): case- and
 * accent-insensitive, matching the start of a name part by default, anywhere with `:contains`,
 * and exactly — case and accents included — with `:exact`. Medplum's in-memory repository lowercases
 * and matches anywhere in the whole formatted name, so "siobhan" never found "Siobhán" (issue 8,
 * must-hold 8). Values are folded once when a resource is written, never per search.
 */

/** Lowercase, decomposed, combining marks dropped: "Müller" and "MULLER" both become "muller". */
export function foldForSearch(value: string): string {
  return value.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** One string-typed search parameter's values on one resource, kept as written and folded. */
export interface IndexedStrings {
  raw: string[];
  folded: string[];
}

const OPERATORS_ANSWERED = new Set<string>([Operator.EQUALS, Operator.STARTS_WITH, Operator.CONTAINS, Operator.EXACT]);

/** Whether this index answers the filter; anything else (`:missing`, `:not`, non-string parameters) stays with Medplum. */
export function isStringFilter(resourceType: string, filter: Filter): boolean {
  return getSearchParameters(resourceType)?.[filter.code]?.type === 'string' && OPERATORS_ANSWERED.has(filter.operator);
}

/** Every string-typed search parameter's values on `resource`, by parameter code. */
export function indexStrings(resource: Resource): Map<string, IndexedStrings> {
  const indexed = new Map<string, IndexedStrings>();
  const params = getSearchParameters(resource.resourceType) ?? {};
  for (const [code, param] of Object.entries(params)) {
    if (param.type !== 'string' || !param.expression) continue;
    const raw = [...new Set(evalFhirPathTyped(param.expression, [toTypedValue(resource)]).flatMap(parts))];
    if (raw.length > 0) indexed.set(code, { raw, folded: raw.map(foldForSearch) });
  }
  return indexed;
}

/** A filter's values are ORed (comma-separated), as FHIR search defines. */
export function matchesStringFilter(values: IndexedStrings | undefined, filter: Filter): boolean {
  if (!values) return false;
  return splitSearchOnComma(filter.value).some((wanted) => {
    if (filter.operator === Operator.EXACT) return values.raw.includes(wanted);
    const folded = foldForSearch(wanted);
    if (filter.operator === Operator.CONTAINS) return values.folded.some((value) => value.includes(folded));
    return values.folded.some((value) => startsAtAWord(value, folded));
  });
}

/**
 * "van der Berg" is found by "berg" and "Smith-Jones" by "jones": servers match the beginning of
 * each name part, and a part may hold several words.
 */
function startsAtAWord(value: string, wanted: string): boolean {
  if (value.startsWith(wanted)) return true;
  for (let i = 0; i < value.length; i += 1) {
    if (/[\s-]/u.test(value[i] ?? '') && value.startsWith(wanted, i + 1)) return true;
  }
  return false;
}

/** Each name or address part on its own, as servers index them, rather than Medplum's one formatted line. */
function parts(typed: TypedValue): string[] {
  const value: unknown = typed.value;
  if (typeof value === 'string') return [value];
  if (typed.type === 'HumanName') {
    const name = value as HumanName;
    return [name.family, ...(name.given ?? []), ...(name.prefix ?? []), ...(name.suffix ?? []), name.text].filter(isText);
  }
  if (typed.type === 'Address') {
    const address = value as Address;
    return [...(address.line ?? []), address.city, address.district, address.state, address.postalCode, address.country, address.text].filter(isText);
  }
  return convertToSearchableStrings([typed]);
}

function isText(value: string | undefined): value is string {
  return typeof value === 'string' && value.length > 0;
}
