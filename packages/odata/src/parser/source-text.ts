/**
 * One query option value (or a whole query string) decoded once into the characters the grammar
 * talks about, with a map back to offsets in the raw text the client sent.
 *
 * The OData ABNF is written against percent-decoded text and lets most delimiters appear either
 * literally or percent-encoded (`'` or `%27`, `:` or `%3A`, `(` or `%28`, ...). Decoding the whole
 * value up front, instead of teaching every rule both spellings, keeps the grammar code small; the
 * offset map keeps every error position pointing into the raw text.
 *
 * In URL mode a raw `+` decodes to a space, as form decoders do: that is what a browser or an HTTP
 * library sends for a space, and what a client that forgot to encode `+` as `%2B` will get.
 */

import { ODataSyntaxError } from "../errors.ts";
import { hexValue, PERCENT, PLUS } from "./chars.ts";

export interface SourceText {
  /** The decoded characters. */
  readonly text: string;
  /** The raw offset of each decoded code unit (and one past the end); null when they coincide. */
  readonly offsets: Int32Array | null;
  /** The raw offset of `text[0]`, used when `offsets` is null. */
  readonly base: number;
}

export function rawOffsetOf(source: SourceText, pos: number): number {
  if (source.offsets === null) return source.base + pos;
  const last = source.offsets.length - 1;
  return source.offsets[Math.min(pos, last)]!;
}

/**
 * Decodes `raw[start, end)`. With `urlEncoded` false the text is taken as it is (a client that
 * builds the option value itself, such as an MCP tool argument, has nothing to decode).
 */
export function decodeSource(
  raw: string,
  start: number,
  end: number,
  urlEncoded: boolean,
  target?: string,
): SourceText {
  if (!urlEncoded || !needsDecoding(raw, start, end)) {
    return { text: raw.slice(start, end), offsets: null, base: start };
  }
  return new Decoder(raw, start, end, target).run();
}

function needsDecoding(raw: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c === PERCENT || c === PLUS) return true;
  }
  return false;
}

class Decoder {
  private readonly parts: string[] = [];
  private readonly offsets: Int32Array;
  private length = 0;

  constructor(
    private readonly raw: string,
    private readonly start: number,
    private readonly end: number,
    private readonly target: string | undefined,
  ) {
    // A decoded text is never longer than its raw text: every escape shrinks, every code unit stays one.
    this.offsets = new Int32Array(end - start + 1);
  }

  run(): SourceText {
    let runStart = this.start;
    let i = this.start;
    while (i < this.end) {
      const c = this.raw.charCodeAt(i);
      if (c !== PERCENT && c !== PLUS) {
        i++;
        continue;
      }
      this.copyRun(runStart, i);
      i = c === PLUS ? this.emit(" ", i, i + 1) : this.decodeEscapes(i);
      runStart = i;
    }
    this.copyRun(runStart, this.end);
    this.offsets[this.length] = this.end;
    return {
      text: this.parts.join(""),
      offsets: this.offsets.subarray(0, this.length + 1),
      base: this.start,
    };
  }

  private copyRun(from: number, to: number): void {
    if (from === to) return;
    this.parts.push(this.raw.slice(from, to));
    for (let j = from; j < to; j++) this.offsets[this.length++] = j;
  }

  private emit(chars: string, rawStart: number, next: number): number {
    this.parts.push(chars);
    for (let k = 0; k < chars.length; k++) this.offsets[this.length++] = rawStart;
    return next;
  }

  private byteAt(i: number): number {
    if (i + 3 > this.end) return -1;
    const high = hexValue(this.raw.charCodeAt(i + 1));
    const low = hexValue(this.raw.charCodeAt(i + 2));
    return high < 0 || low < 0 ? -1 : (high << 4) | low;
  }

  /** Decodes one `%XX` escape, or the whole `%XX%XX...` UTF-8 sequence it starts. */
  private decodeEscapes(i: number): number {
    const lead = this.byteAt(i);
    if (lead < 0) {
      throw this.error(
        `invalid percent-encoding at ${i}: '%' must be followed by two hexadecimal digits (write '%25' for a literal '%')`,
        i,
        ["two hexadecimal digits"],
      );
    }
    if (lead < 0x80) return this.emit(String.fromCharCode(lead), i, i + 3);
    const length =
      lead >= 0xc2 && lead <= 0xdf
        ? 2
        : lead >= 0xe0 && lead <= 0xef
          ? 3
          : lead >= 0xf0 && lead <= 0xf4
            ? 4
            : 0;
    if (length === 0) throw this.invalidUtf8(i);
    let codePoint = lead & (length === 2 ? 0x1f : length === 3 ? 0x0f : 0x07);
    for (let k = 1; k < length; k++) {
      const at = i + 3 * k;
      const byte = this.raw.charCodeAt(at) === PERCENT ? this.byteAt(at) : -1;
      if (byte < 0x80 || byte > 0xbf) throw this.invalidUtf8(i);
      codePoint = (codePoint << 6) | (byte & 0x3f);
    }
    const tooSmall = length === 3 ? codePoint < 0x800 : length === 4 ? codePoint < 0x10000 : false;
    if (tooSmall || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))
      throw this.invalidUtf8(i);
    return this.emit(String.fromCodePoint(codePoint), i, i + 3 * length);
  }

  private invalidUtf8(i: number): ODataSyntaxError {
    return this.error(`invalid UTF-8 sequence in percent-encoding at ${i}`, i, [
      "a percent-encoded UTF-8 sequence",
    ]);
  }

  private error(message: string, position: number, expected: readonly string[]): ODataSyntaxError {
    return new ODataSyntaxError(message, position, expected, this.target);
  }
}
