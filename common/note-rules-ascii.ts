/**
 * The one-click fix for an EMR that takes ASCII only (Accuro letters, DESIGN.md "Note composer"):
 * pure, with no imports, so the composer can show what will change as the user types.
 *
 * An explicit table plus Unicode compatibility decomposition, not a transliteration library:
 * `any-ascii` carries ~550 KB of tables into the renderer bundle and converts whole scripts
 * (a Chinese name to pinyin, an emoji to `:grinning:`) and some symbols in ways that are unsafe in
 * a chart (β → "v", µ → "u"); `@sindresorhus/transliterate` converts letters only (no quotes,
 * ellipsis, spaces, bullets or symbols) and strips the ASCII `^` and backtick. What this table
 * cannot convert safely stays in place, so the check still names it and a person decides.
 */

/** Printable ASCII, tab, LF and CR: what an `ascii` charset EMR stores unmangled. */
export function isAsciiAllowed(character: string): boolean {
  return /^[\t\n\r\x20-\x7e]*$/.test(character);
}

export interface AsciiChange {
  /** What was in the text: one character (with any accents typed as separate marks), or a pair such as "°C". */
  from: string;
  /** What replaces it; '' when an invisible character is removed. */
  to: string;
  count: number;
}

export interface AsciiFix {
  text: string;
  changes: AsciiChange[];
}

interface Replacement {
  to: string;
  /** Put a space before it after a letter or digit: "1½" must become "1 1/2", not "11/2". */
  spaced?: boolean;
}

const SINGLE_QUOTE = ["'", ['\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '\u2039', '\u203a', '\u00b4']] as const;
const DOUBLE_QUOTE = ['"', ['\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb']] as const;
// Hyphens, the en dash and the minus sign read as one '-'; an em dash becomes the typewriter '--',
// because a single hyphen would join the two words it separates into one hyphenated word.
const HYPHEN = ['-', ['\u2010', '\u2011', '\u2012', '\u2013', '\u2212', '\ufe63', '\uff0d']] as const;
const EM_DASH = ['--', ['\u2014', '\u2015']] as const;
// Pasted lists: Word's Symbol-font bullet arrives as U+F0B7 or as a middle dot.
const BULLET = ['-', ['\u2022', '\u2023', '\u2043', '\u25e6', '\u25cf', '\u25cb', '\u25aa', '\u25a0', '\u25b8', '\u25ba', '\u00b7', '\uf0b7']] as const;
const LINE_BREAK = ['\n', ['\u2028', '\u2029', '\u0085']] as const;
// Invisible characters carried over from web pages and word processors: removing them changes nothing one can see.
const INVISIBLE = ['', ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad']] as const;

const TABLE = new Map<string, Replacement>([
  ...[SINGLE_QUOTE, DOUBLE_QUOTE, HYPHEN, EM_DASH, BULLET, LINE_BREAK, INVISIBLE].flatMap(([to, froms]) => froms.map((from) => [from, { to }] as const)),
  ['\u2026', { to: '...' }],
  // Letters that have no decomposition to strip an accent from.
  ...([['ß', 'ss'], ['ẞ', 'SS'], ['æ', 'ae'], ['Æ', 'AE'], ['œ', 'oe'], ['Œ', 'OE'], ['ø', 'o'], ['Ø', 'O'], ['ł', 'l'], ['Ł', 'L'], ['đ', 'd'], ['Đ', 'D'], ['ð', 'd'], ['Ð', 'D'], ['þ', 'th'], ['Þ', 'Th'], ['ı', 'i']] as const).map(([from, to]) => [from, { to }] as const),
  // Degrees as words: a chart reads "37.5 deg C" unambiguously, and "deg" is what a typist writes.
  ['°C', { to: 'deg C', spaced: true }],
  ['°F', { to: 'deg F', spaced: true }],
  ['°', { to: 'deg', spaced: true }],
  ['\u2103', { to: 'deg C', spaced: true }],
  ['\u2109', { to: 'deg F', spaced: true }],
  // ISMP: write "mcg", never "ug" (the u is read as units or m); a µ on its own is left for a person.
  ['µg', { to: 'mcg' }],
  ['μg', { to: 'mcg' }],
  ['µL', { to: 'mcL' }],
  ['μL', { to: 'mcL' }],
  // Greek letters as clinicians spell them ("beta-blocker"); a plain transliteration gives "v-blocker".
  ...([['α', 'alpha'], ['β', 'beta'], ['γ', 'gamma'], ['δ', 'delta'], ['κ', 'kappa']] as const).map(([from, to]) => [from, { to }] as const),
  ...([['½', '1/2'], ['⅓', '1/3'], ['⅔', '2/3'], ['¼', '1/4'], ['¾', '3/4'], ['⅛', '1/8']] as const).map(([from, to]) => [from, { to, spaced: true }] as const),
  ['±', { to: '+/-' }],
  ['×', { to: 'x' }],
  ['÷', { to: '/' }],
  ['≤', { to: '<=' }],
  ['≥', { to: '>=' }],
  ['≈', { to: '~' }],
  ['→', { to: '->' }],
  ['←', { to: '<-' }],
  ['⇒', { to: '=>' }],
  ['№', { to: 'No.' }],
  ['™', { to: '(TM)' }],
  ['®', { to: '(R)' }],
  ['©', { to: '(C)' }],
]);

const SUPERSCRIPTS = new Map<string, string>([...[...'⁰¹²³⁴⁵⁶⁷⁸⁹'].map((digit, value): [string, string] => [digit, String(value)]), ['⁺', '+'], ['⁻', '-']]);

/** A character as the user sees it: one code point and the accents typed after it as separate marks. */
const CHARACTER = /\P{M}\p{M}*|\p{M}+/gu;

/** Convert what an ASCII-only EMR would refuse into its usual ASCII spelling, saying what changed. */
export function asciiFix(text: string): AsciiFix {
  const characters = text.match(CHARACTER) ?? [];
  const changes = new Map<string, AsciiChange>();
  let out = '';
  const note = (from: string, to: string) => {
    const key = `${from}\u0000${to}`;
    const known = changes.get(key);
    if (known) known.count += 1;
    else changes.set(key, { from, to, count: 1 });
    out += to;
  };

  for (let i = 0; i < characters.length; i += 1) {
    const character = characters[i] ?? '';
    if (isAsciiAllowed(character)) {
      out += character;
      continue;
    }
    // A run of superscripts is an exponent: "10⁻³" → "10^-3" (a bare "103" would change the number).
    if (SUPERSCRIPTS.has(character)) {
      let run = character;
      while (SUPERSCRIPTS.has(characters[i + 1] ?? '')) run += characters[++i];
      note(run, `^${[...run].map((c) => SUPERSCRIPTS.get(c)).join('')}`);
      continue;
    }
    const pair = `${character}${characters[i + 1] ?? ''}`.normalize('NFC');
    const single = character.normalize('NFC');
    const paired = characters[i + 1] !== undefined ? TABLE.get(pair) : undefined;
    const replacement = paired ?? TABLE.get(single) ?? decomposed(single);
    if (replacement === undefined) {
      out += character;
      continue;
    }
    const from = paired ? `${character}${characters[i + 1]}` : character;
    if (paired) i += 1;
    const space = replacement.spaced && /[A-Za-z0-9]$/.test(out) ? ' ' : '';
    note(from, `${space}${replacement.to}`);
  }
  return { text: out, changes: [...changes.values()] };
}

/**
 * Accents stripped after compatibility decomposition: é → e, and the ligatures (ﬁ) and full-width
 * letters (Ａ) that PDFs and IMEs paste. Accepted only when it leaves a letter or digit, so a spacing
 * accent (¨) is not silently turned into a space.
 */
function decomposed(character: string): Replacement | undefined {
  if (/^\p{Zs}$/u.test(character)) return { to: ' ' };
  const stripped = character.normalize('NFKD').replace(/\p{M}/gu, '');
  if (stripped === '' || !isAsciiAllowed(stripped) || !/[A-Za-z0-9]/.test(stripped)) return undefined;
  return { to: stripped };
}

const NAMED = new Map([
  ['\u00a0', 'non-breaking space'],
  ['\u202f', 'narrow non-breaking space'],
  ['\u200b', 'zero-width space'],
  ['\u200c', 'zero-width non-joiner'],
  ['\u200d', 'zero-width joiner'],
  ['\u2060', 'word joiner'],
  ['\ufeff', 'zero-width no-break space'],
  ['\u00ad', 'soft hyphen'],
  ['\u2028', 'line separator'],
  ['\u2029', 'paragraph separator'],
]);

/** How to show a character in a message: invisible ones by name, since "" tells a reader nothing. */
export function describeCharacter(character: string): string {
  const named = NAMED.get(character);
  if (named) return named;
  if (/^\p{Zs}$/u.test(character)) return 'special space';
  if (/^[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u.test(character)) {
    return `invisible character U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return character;
}
