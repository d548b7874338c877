// How an output too large to keep is cut: its head (and, when it was read to the end, its tail)
// kept, and a marker where the cut is, so that the journal says what is missing. Every marker
// starts with `[chaos-action truncated:`. A cut text is never longer than the limit it was cut to.

/** Room a cut leaves for its marker: kept text plus marker stay within the limit. */
export const MARKER_ROOM = 256;

/** The marker put where a text was cut. */
export const truncationMarker = (what: string): string => `\n[chaos-action truncated: ${what}]\n`;

/**
 * Keeps the first and the last bytes of a stream of chunks, at most `limit` in all, however long
 * the stream: what fits is kept whole; beyond it, the head and a rolling tail.
 */
export class HeadTail {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private readonly headLimit: number;
  private readonly tailLimit: number;
  /** Bytes pushed so far, kept or not. */
  received = 0;

  constructor(readonly limit: number) {
    this.headLimit = Math.floor(Math.max(0, limit - MARKER_ROOM) / 2);
    this.tailLimit = limit - this.headLimit;
  }

  push(chunk: Buffer): void {
    this.received += chunk.length;
    let rest = chunk;
    const room = this.headLimit - this.headBytes;
    if (room > 0) {
      const part = rest.subarray(0, room);
      this.head.push(part);
      this.headBytes += part.length;
      rest = rest.subarray(part.length);
    }
    if (rest.length === 0) return;
    this.tail.push(rest);
    this.tailBytes += rest.length;
    // Whole chunks the tail no longer needs are dropped; a long tail is copied down to its limit.
    while (this.tail.length > 1 && this.tailBytes - (this.tail[0] as Buffer).length >= this.tailLimit) {
      this.tailBytes -= (this.tail.shift() as Buffer).length;
    }
    if (this.tailBytes > 2 * this.tailLimit) {
      this.tail = [Buffer.from(Buffer.concat(this.tail).subarray(this.tailBytes - this.tailLimit))];
      this.tailBytes = this.tailLimit;
    }
  }

  get truncated(): boolean {
    return this.received > this.limit;
  }

  /** Everything, when it fits; else the head and the tail, cut to leave room for the marker. */
  parts(): { head: Buffer; tail: Buffer; cut: number } {
    const head = Buffer.concat(this.head);
    const tail = Buffer.concat(this.tail);
    if (!this.truncated) return { head: Buffer.concat([head, tail]), tail: Buffer.alloc(0), cut: 0 };
    const keepTail = Math.max(0, this.limit - MARKER_ROOM - head.length);
    const kept = tail.subarray(tail.length - keepTail);
    return { head, tail: kept, cut: this.received - head.length - kept.length };
  }

  /**
   * The text kept, each part decoded by `decode` (cut on UTF-8 character boundaries first), the
   * marker between them; `what` names the stream in the marker (`stdout`).
   */
  text(decode: (bytes: Buffer) => string, what: string, setting: string): string {
    const { head, tail, cut } = this.parts();
    if (cut === 0) return decode(head);
    const h = head.subarray(0, utf8HeadEnd(head));
    const t = tail.subarray(utf8TailStart(tail));
    const dropped = this.received - h.length - t.length;
    const marker = truncationMarker(
      `${dropped} bytes of ${what} cut here; it was ${this.received} bytes, the first ${h.length} and the last ${t.length} are kept (${setting} ${this.limit} bytes)`,
    );
    return decode(h) + marker + decode(t);
  }
}

/** The length of `bytes` without a UTF-8 sequence left incomplete at its end. */
export function utf8HeadEnd(bytes: Buffer): number {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 4; i--) {
    const b = bytes[i] as number;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return i + need > bytes.length ? i : bytes.length;
  }
  return bytes.length;
}

/** Where the first whole UTF-8 character of `bytes` starts (continuation bytes of a cut one skipped). */
export function utf8TailStart(bytes: Buffer): number {
  let i = 0;
  while (i < 3 && i < bytes.length && ((bytes[i] as number) & 0xc0) === 0x80) i++;
  return i;
}

/** A string cut to at most `limit` characters: its head and tail kept, a marker between them. */
export function cutString(text: string, limit: number, setting: string): string {
  if (text.length <= limit) return text;
  const keep = Math.max(0, limit - MARKER_ROOM);
  let headEnd = Math.ceil(keep / 2);
  let tailStart = text.length - (keep - headEnd);
  // Never split a surrogate pair.
  if (headEnd > 0 && isHighSurrogate(text.charCodeAt(headEnd - 1))) headEnd--;
  if (tailStart < text.length && isLowSurrogate(text.charCodeAt(tailStart))) tailStart++;
  const marker = truncationMarker(
    `${tailStart - headEnd} characters cut here; the text was ${text.length} characters, the first ${headEnd} and the last ${text.length - tailStart} are kept (${setting} ${limit})`,
  );
  return text.slice(0, headEnd) + marker + text.slice(tailStart);
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
