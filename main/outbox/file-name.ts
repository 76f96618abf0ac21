/** What every file system ChartDrop runs on allows for one name, and what the contract takes. */
export const MAX_FILE_NAME_LENGTH = 255;

/** Longer "extensions" are part of the name ("minutes.of the meeting held on…"). */
const MAX_EXTENSION_LENGTH = 16;
const ELLIPSIS = '…';

/**
 * A name that fits in `maxLength` UTF-16 code units (what zod's `max` and JavaScript count), cut
 * between user-perceived characters so no accent loses its letter, no emoji is split into a lone
 * surrogate, and the extension survives: "report….pdf" still says what the file is.
 */
export function shortenFileName(name: string, maxLength: number = MAX_FILE_NAME_LENGTH): string {
  if (name.length <= maxLength) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= MAX_EXTENSION_LENGTH + 1 ? name.slice(dot) : '';
  const stem = extension ? name.slice(0, dot) : name;
  const room = maxLength - extension.length - ELLIPSIS.length;
  const kept = leadingWithin(stem, room, graphemes(stem)) || leadingWithin(stem, room, Array.from(stem));
  return `${kept.trimEnd()}${ELLIPSIS}${extension}`;
}

function graphemes(text: string): string[] {
  return Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (s) => s.segment);
}

/** The longest run of whole pieces from the start that fits; empty when even the first does not. */
function leadingWithin(text: string, room: number, pieces: readonly string[]): string {
  let length = 0;
  let count = 0;
  for (const piece of pieces) {
    if (length + piece.length > room) break;
    length += piece.length;
    count += 1;
  }
  return count === pieces.length ? text : pieces.slice(0, count).join('');
}
