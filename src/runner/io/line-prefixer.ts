import type { Writable } from 'node:stream';

/**
 * The most bytes of one line forwarded as one line. A longer line (a progress bar that never ends a line,
 * a blob of JSON) is forwarded in pieces of at most this many bytes, cut as soon as it passes the cap.
 */
export const MAX_LINE_BYTES = 64 * 1024;

/**
 * Marks a piece of a cut line: every piece after the first starts with it, right after the prefix.
 * Dropping the "\n" before each marked piece, and the mark, gives the line back.
 */
export const CONTINUATION_MARK = '…';

const LF = 0x0a;
const CR = 0x0d;
const NEWLINE = Buffer.from('\n');
const EMPTY = Buffer.alloc(0);

/** A UTF-8 continuation byte (10xxxxxx): never the first byte of a character. */
const isContinuation = (b: number) => (b & 0xc0) === 0x80;

/**
 * Writes a child's output line by line with a prefix, holding back a partial line until it ends.
 *
 * A line ends at "\n", "\r" or "\r\n", kept as they came: GitHub's runner reads a step's output with
 * .NET's ReadLine, which ends a line at each of them, so every line it can read starts with the prefix
 * ("progress 10%\r::error::x\n" becomes "[b] progress 10%\r[b] ::error::x\n"; in a terminal a progress
 * bar still redraws in place). Only whole lines (or cut pieces, each ended with "\n") are written, so
 * two prefixers on one output (stdout and stderr) never start a line inside the other's.
 *
 * Escape sequences (ANSI colours, OSC) are forwarded as they are: the runner parses raw text, an escape
 * is not a line end to it, and a workflow command (`::name::`) is recognised only at the start of a line
 * (after leading whitespace), where the prefix is. They keep ML tools' colours, which the log renders.
 *
 * Bytes in, bytes out: nothing is decoded, so a character split across chunks stays whole, and a cut
 * moves back to a UTF-8 character boundary (at most 3 bytes). Each byte is scanned once and copied
 * into the pending buffer at most once: linear time, and at most `maxLineBytes` held back.
 */
export class LinePrefixer {
  private readonly prefixBytes: Buffer;
  private readonly markBytes = Buffer.from(CONTINUATION_MARK);
  /** The partial line held back; allocated at its first use, `maxLineBytes` long. */
  private pending: Buffer | undefined;
  private pendingLen = 0;
  /** The pending bytes continue a cut line: they get the continuation mark. */
  private continued = false;
  /** The last byte seen was a CR that ended a line: an LF first in the next chunk completes a CRLF. */
  private afterCr = false;
  /** The output of the current write, written with one call; allocated at its first byte. */
  private outBuf = EMPTY;
  private outLen = 0;
  private outHint = 0;

  constructor(
    prefix: string,
    private readonly out: Writable,
    private readonly maxLineBytes: number = MAX_LINE_BYTES,
  ) {
    if (!Number.isInteger(maxLineBytes) || maxLineBytes < 4) {
      throw new RangeError(
        `maxLineBytes must be an integer of at least 4 (one UTF-8 character), got ${maxLineBytes}`,
      );
    }
    this.prefixBytes = Buffer.from(prefix);
  }

  /** Bytes of a partial line held back until it ends (at most `maxLineBytes`). */
  get pendingBytes(): number {
    return this.pendingLen;
  }

  /**
   * Takes a chunk of the child's output. False when the output stream asks to wait for 'drain'
   * (Writable#write returned false): the caller should stop reading the child until then.
   */
  write(chunk: Buffer | string): boolean {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const n = data.length;
    if (n === 0) return !this.out.writableNeedDrain;
    this.begin(n);
    let pos = 0;
    if (this.afterCr) {
      this.afterCr = false;
      if (data[0] === LF) {
        this.putSmall(NEWLINE);
        pos = 1;
      }
    }
    // The next LF and CR at or after pos; -1 once there is none left. Each is searched for again only
    // when pos has passed it, so every byte is scanned once for each.
    let lf = -2;
    let cr = -2;
    while (pos < n) {
      if (lf !== -1 && lf < pos) lf = data.indexOf(LF, pos);
      if (cr !== -1 && cr < pos) cr = data.indexOf(CR, pos);
      const stop = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (stop === -1) {
        this.hold(data, pos, n);
        break;
      }
      let end = stop + 1;
      if (data[stop] === CR) {
        if (end === n) this.afterCr = true;
        else if (data[end] === LF) end++;
      }
      this.line(data, pos, stop, end);
      pos = end;
    }
    return this.end();
  }

  /** Ends a partial line with "\n" (the child has exited). */
  flush(): void {
    this.begin(0);
    if (this.pendingLen > 0) {
      this.putPrefix();
      this.put(this.pending!, 0, this.pendingLen);
      this.putSmall(NEWLINE);
    } else if (this.afterCr) {
      // A last lone CR: end the line, so what comes next in a terminal does not overwrite it.
      this.putSmall(NEWLINE);
    }
    this.pendingLen = 0;
    this.pending = undefined;
    this.continued = false;
    this.afterCr = false;
    this.end();
  }

  /** Writes the line made of the pending bytes and data[start, stop), ended by data[stop, end). */
  private line(data: Buffer, start: number, stop: number, end: number): void {
    start = this.cutWhileOver(data, start, stop);
    this.putPrefix();
    if (this.pendingLen > 0) this.put(this.pending!, 0, this.pendingLen);
    this.put(data, start, end);
    this.pendingLen = 0;
    this.continued = false;
  }

  /** Holds data[start, stop) back as (the end of) a partial line. */
  private hold(data: Buffer, start: number, stop: number): void {
    start = this.cutWhileOver(data, start, stop);
    this.pending ??= Buffer.allocUnsafe(this.maxLineBytes);
    data.copy(this.pending, this.pendingLen, start, stop);
    this.pendingLen += stop - start;
  }

  /**
   * While the pending bytes and data[start, stop) are more than the cap, writes the first cap's worth
   * (back to a character boundary) as a piece of a cut line; returns where the rest of data starts.
   */
  private cutWhileOver(data: Buffer, start: number, stop: number): number {
    const cap = this.maxLineBytes;
    while (this.pendingLen + (stop - start) > cap) {
      const pendingLen = this.pendingLen;
      const at = (i: number) => (i < pendingLen ? this.pending![i]! : data[start + i - pendingLen]!);
      let cut = cap;
      for (let k = 0; k < 3 && isContinuation(at(cut)); k++) cut--;
      this.putPrefix();
      if (cut <= pendingLen) {
        this.put(this.pending!, 0, cut);
        this.pending!.copyWithin(0, cut, pendingLen);
        this.pendingLen = pendingLen - cut;
      } else {
        if (pendingLen > 0) this.put(this.pending!, 0, pendingLen);
        const next = start + cut - pendingLen;
        this.put(data, start, next);
        start = next;
        this.pendingLen = 0;
      }
      this.putSmall(NEWLINE);
      this.continued = true;
    }
    return start;
  }

  private putPrefix(): void {
    this.putSmall(this.prefixBytes);
    if (this.continued) this.putSmall(this.markBytes);
  }

  /** Starts the output of one write, sized for the input, what is pending and some prefixes. */
  private begin(inputBytes: number): void {
    this.outHint = inputBytes + this.pendingLen + (inputBytes >> 3) + 16 * (this.prefixBytes.length + 8);
    this.outLen = 0;
  }

  private reserve(len: number): void {
    if (this.outLen + len <= this.outBuf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.outHint, 2 * this.outBuf.length, this.outLen + len));
    grown.set(this.outBuf.subarray(0, this.outLen));
    this.outBuf = grown;
  }

  /** Copies src[from, to) to the output. A view and TypedArray#set: cheaper than Buffer#copy's checks. */
  private put(src: Buffer, from: number, to: number): void {
    const len = to - from;
    if (len <= 0) return;
    this.reserve(len);
    this.outBuf.set(new Uint8Array(src.buffer, src.byteOffset + from, len), this.outLen);
    this.outLen += len;
  }

  /** Copies a few bytes (a prefix) one by one: cheaper than a native call. */
  private putSmall(src: Buffer): void {
    const n = src.length;
    this.reserve(n);
    const out = this.outBuf;
    let o = this.outLen;
    for (let i = 0; i < n; i++) out[o++] = src[i]!;
    this.outLen = o;
  }

  /**
   * Writes the output of one write, if any; the buffer is the stream's from now on. Returns whether
   * the stream takes more without waiting for 'drain'.
   */
  private end(): boolean {
    const ok =
      this.outLen > 0 ? this.out.write(this.outBuf.subarray(0, this.outLen)) : !this.out.writableNeedDrain;
    this.outBuf = EMPTY;
    this.outLen = 0;
    return ok;
  }
}
