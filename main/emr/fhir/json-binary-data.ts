const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const BASE64_TEXT = /^[A-Za-z0-9+/=]*$/;
/** Long enough for every Binary key and for `resourceType`'s value; longer strings are only skipped. */
const SHORT_STRING = 32;

/**
 * The decoded bytes of a FHIR JSON Binary's top-level `data`, streamed out of the JSON text as it
 * arrives. Some servers answer `GET Binary/{id}` with a JSON Binary whatever the Accept header
 * (FHIR R4 "Binary" page, "Serving Binary Resources using the RESTful API"), and a 20 MB file is
 * 27 MB of base64: only one chunk and a 3-character remainder are held at a time.
 *
 * Throws a `SyntaxError` when the text is not a JSON Binary (another resource, broken JSON, base64
 * with characters outside its alphabet).
 */
export async function* jsonBinaryData(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Buffer> {
  const scanner = new JsonBinaryScanner();
  for await (const chunk of source) {
    for (const bytes of scanner.feed(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))) yield bytes;
  }
  const tail = scanner.end();
  if (tail.length > 0) yield tail;
}

type Mode = 'structure' | 'string' | 'data';

class JsonBinaryScanner {
  #mode: Mode = 'structure';
  #depth = 0;
  #escaped = false;
  /** At depth 1, the next string is a key. */
  #expectKey = false;
  #stringIsKey = false;
  #text = '';
  #key = '';
  /** The key whose value comes next, once its `:` has been read. */
  #valueOf: string | undefined;
  #resourceType: string | undefined;
  #pendingBase64 = '';
  #sawData = false;
  #closed = false;

  feed(chunk: Buffer): Buffer[] {
    const out: Buffer[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.#mode === 'data') {
        i = this.#feedData(chunk, i, out);
        continue;
      }
      const byte = chunk[i] as number;
      i += 1;
      if (this.#mode === 'string') this.#feedString(byte);
      else this.#feedStructure(byte);
    }
    return out;
  }

  end(): Buffer {
    if (!this.#closed || this.#mode !== 'structure') throw new SyntaxError('The JSON Binary ended early.');
    if (this.#resourceType !== 'Binary') throw new SyntaxError('The answer is not a Binary resource.');
    return this.#pendingBase64 ? Buffer.from(this.#pendingBase64, 'base64') : Buffer.alloc(0);
  }

  #feedStructure(byte: number): void {
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) return;
    if (this.#closed) throw new SyntaxError('Unexpected text after the JSON Binary.');
    if (byte === QUOTE) {
      if (this.#depth === 1 && this.#valueOf === 'data' && !this.#expectKey) {
        if (this.#sawData) throw new SyntaxError('The JSON Binary has `data` twice.');
        this.#sawData = true;
        this.#valueOf = undefined;
        this.#mode = 'data';
        return;
      }
      this.#stringIsKey = this.#depth === 1 && this.#expectKey;
      this.#text = '';
      this.#mode = 'string';
      return;
    }
    if (byte === 0x7b || byte === 0x5b) {
      if (this.#depth === 0 && byte !== 0x7b) throw new SyntaxError('The answer is not a JSON object.');
      this.#depth += 1;
      if (this.#depth === 1) this.#expectKey = true;
      return;
    }
    if (byte === 0x7d || byte === 0x5d) {
      this.#depth -= 1;
      if (this.#depth < 0) throw new SyntaxError('Unbalanced JSON.');
      if (this.#depth === 0) this.#closed = true;
      return;
    }
    if (this.#depth === 0) throw new SyntaxError('The answer is not a JSON object.');
    if (this.#depth !== 1) return;
    if (byte === 0x3a) this.#valueOf = this.#key;
    else if (byte === 0x2c) {
      this.#expectKey = true;
      this.#valueOf = undefined;
    }
  }

  #feedString(byte: number): void {
    if (this.#escaped) {
      this.#escaped = false;
      this.#appendShort(byte);
      return;
    }
    if (byte === BACKSLASH) {
      this.#escaped = true;
      return;
    }
    if (byte !== QUOTE) {
      this.#appendShort(byte);
      return;
    }
    this.#mode = 'structure';
    if (this.#stringIsKey) {
      this.#key = this.#text;
      this.#expectKey = false;
    } else if (this.#depth === 1 && this.#valueOf === 'resourceType') {
      this.#resourceType = this.#text;
    }
  }

  #appendShort(byte: number): void {
    // Only short keys and `resourceType` are ever compared; anything longer can never match them.
    if (this.#text.length <= SHORT_STRING) this.#text += String.fromCharCode(byte);
  }

  /** Base64 runs up to the closing quote; JSON may escape `/` as `\/` (RFC 8259 §7). */
  #feedData(chunk: Buffer, start: number, out: Buffer[]): number {
    let i = start;
    if (this.#escaped) {
      this.#escaped = false;
      const escape = chunk[i] as number;
      if (escape === 0x2f) this.#pendingBase64 += '/';
      // Line breaks inside base64 (as MIME writes it) carry no data.
      else if (escape !== 0x6e && escape !== 0x72) throw new SyntaxError('Unexpected escape in base64 data.');
      return i + 1;
    }
    const quote = chunk.indexOf(QUOTE, i);
    const backslash = chunk.indexOf(BACKSLASH, i);
    const stop = [quote, backslash].filter((at) => at >= 0).reduce((a, b) => Math.min(a, b), chunk.length);
    const text = chunk.toString('latin1', i, stop);
    if (!BASE64_TEXT.test(text)) throw new SyntaxError('The Binary data is not base64.');
    this.#pendingBase64 += text;
    const whole = this.#pendingBase64.length - (this.#pendingBase64.length % 4);
    if (whole > 0) {
      out.push(Buffer.from(this.#pendingBase64.slice(0, whole), 'base64'));
      this.#pendingBase64 = this.#pendingBase64.slice(whole);
    }
    i = stop;
    if (i === chunk.length) return i;
    if (chunk[i] === BACKSLASH) this.#escaped = true;
    else {
      this.#mode = 'structure';
      this.#expectKey = false;
    }
    return i + 1;
  }
}
