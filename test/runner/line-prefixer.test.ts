import { describe, expect, it } from 'vitest';
import { CONTINUATION_MARK, LinePrefixer, MAX_LINE_BYTES } from '../../src/runner/io/line-prefixer.js';
import { collector } from '../helpers/collect.js';

/** The documented cap and continuation mark (see line-prefixer.ts). */
const CAP = 64 * 1024;
const MARK = '…';

/** Lines as GitHub's runner reads them (.NET ReadLine): "\n", "\r" and "\r\n" each end one. */
function runnerLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function run(chunks: (string | Buffer)[], prefix = '[x] ', maxLineBytes?: number) {
  const out = collector();
  const p =
    maxLineBytes === undefined ? new LinePrefixer(prefix, out) : new LinePrefixer(prefix, out, maxLineBytes);
  for (const c of chunks) p.write(c);
  p.flush();
  return out.text();
}

/** `s` as UTF-8, cut into chunks at seeded random bytes (some chunks empty, some characters split). */
function chop(s: string, rand: () => number): Buffer[] {
  const bytes = Buffer.from(s);
  const chunks: Buffer[] = [];
  let i = 0;
  while (i < bytes.length) {
    const n = Math.floor(rand() * 6);
    chunks.push(bytes.subarray(i, i + n));
    i += n;
  }
  return chunks;
}

/** Runs of one character as "<c×n>", so a failed comparison of long lines stays readable. */
const squeeze = (s: string) => s.replace(/(.)\1{9,}/gsu, (m, c: string) => `<${c}×${[...m].length}>`);

/** mulberry32: a small seeded PRNG, so a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomText(rand: () => number, alphabet: string[], length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
}

/** What the output says the input was: prefixes removed, cut pieces joined again. */
function reconstruct(text: string, prefix: string): string {
  let result = '';
  for (const m of text.matchAll(/([^\r\n]*)(\r\n|\r|\n)/g)) {
    let line = m[1]!;
    expect(line.startsWith(prefix)).toBe(true);
    line = line.slice(prefix.length);
    if (line.startsWith(MARK)) {
      expect(result.endsWith('\n')).toBe(true);
      result = result.slice(0, -1) + line.slice(MARK.length) + m[2];
    } else result += line + m[2];
  }
  return result;
}

/** The input as forwarded: an unterminated last line (a trailing lone CR included) gets a "\n". */
const terminated = (s: string) => (s === '' || s.endsWith('\n') ? s : `${s}\n`);

describe('LinePrefixer', () => {
  it.each([
    [['a\nb\n'], '[x] a\n[x] b\n'],
    [['par', 'tial\nnext'], '[x] partial\n[x] next\n'],
    [['\n'], '[x] \n'],
    [[''], ''],
  ])('%j', (chunks, expected) => {
    expect(run(chunks)).toBe(expected);
  });

  describe('a carriage return ends a line (the runner reads lines with ReadLine)', () => {
    it.each([
      // issue 12's reproduction: the command after a bare CR gets its own prefix
      [['progress 10%\r::error::CR-INJECTED\n'], '[x] progress 10%\r[x] ::error::CR-INJECTED\n'],
      [['a\r\nb\r\n'], '[x] a\r\n[x] b\r\n'],
      [['a\r', '\nb\n'], '[x] a\r\n[x] b\n'],
      [['a\r', 'b\n'], '[x] a\r[x] b\n'],
      [['a\r', '\r\n'], '[x] a\r[x] \r\n'],
      [['a\r'], '[x] a\r\n'],
      [['\r 10%\r 20%\r100%\n'], '[x] \r[x]  10%\r[x]  20%\r[x] 100%\n'],
      [['a\n\r\n\rb'], '[x] a\n[x] \r\n[x] \r[x] b\n'],
    ])('%j', (chunks, expected) => {
      expect(run(chunks)).toBe(expected);
    });

    it('keeps the bytes with an empty prefix (carbon-gate meter, a terminal)', () => {
      expect(run(['\r 10%\r 20%\r', '100%\r\n', 'done\n'], '')).toBe('\r 10%\r 20%\r100%\r\ndone\n');
    });

    it('starts every line the runner reads with the prefix, however the output is chunked', () => {
      const rand = prng(12);
      const alphabet = ['a', 'b', ':', ' ', '\r', '\n', '\r\n', 'é', '::error::x'];
      for (let i = 0; i < 300; i++) {
        const input = randomText(rand, alphabet, Math.floor(rand() * 40));
        const text = run(chop(input, rand));
        for (const line of runnerLines(text)) expect(line.startsWith('[x] ')).toBe(true);
        expect(reconstruct(text, '[x] ')).toBe(terminated(input));
      }
    });

    it('two streams into one output (stdout and stderr) never leave a line without a prefix', () => {
      const out = collector();
      const a = new LinePrefixer('[x] ', out);
      const b = new LinePrefixer('[x] ', out);
      a.write('loading');
      b.write('warning\r');
      a.write('\r::error::A\n');
      b.write('\n::error::B\r');
      a.flush();
      b.flush();
      const lines = runnerLines(out.text()).filter((l) => l !== '');
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line.startsWith('[x] ')).toBe(true);
    });
  });

  describe('a line longer than the cap', () => {
    it('is forwarded in pieces of the cap, each after the first marked as a continuation', () => {
      const line = 'a'.repeat(2 * CAP + 10);
      expect(squeeze(run(sized(line + '\n', 1000)))).toBe(
        squeeze(`[x] ${'a'.repeat(CAP)}\n[x] ${MARK}${'a'.repeat(CAP)}\n[x] ${MARK}${'a'.repeat(10)}\n`),
      );
    });

    it('is cut as soon as it passes the cap, before it ends', () => {
      const out = collector();
      const p = new LinePrefixer('[x] ', out);
      for (const c of sized('a'.repeat(CAP + 1), 4096)) p.write(c);
      expect(squeeze(out.text())).toBe(squeeze(`[x] ${'a'.repeat(CAP)}\n`));
      p.write('\n');
      expect(squeeze(out.text())).toBe(squeeze(`[x] ${'a'.repeat(CAP)}\n[x] ${MARK}a\n`));
    });

    it('is not cut at exactly the cap', () => {
      expect(squeeze(run(sized('a'.repeat(CAP) + '\nb\n', 5000)))).toBe(
        squeeze(`[x] ${'a'.repeat(CAP)}\n[x] b\n`),
      );
    });

    it('is cut in one chunk too, and the cut moves back to a UTF-8 character boundary', () => {
      const line = 'a' + 'é'.repeat(CAP); // byte CAP is the second byte of an é
      const text = run([line + '\n']);
      const pieces = runnerLines(text);
      expect(squeeze(pieces[0]!)).toBe(squeeze(`[x] a${'é'.repeat(CAP / 2 - 1)}`));
      expect(text).not.toContain('\ufffd');
      expect(reconstruct(text, '[x] ') === line + '\n').toBe(true);
    });

    it('keeps no more than the cap pending, however long the line', () => {
      const out = collector();
      const p = new LinePrefixer('[x] ', out);
      const chunk = Buffer.alloc(4096, 'a');
      for (let i = 0; i < 256; i++) {
        p.write(chunk);
        expect(p.pendingBytes).toBeGreaterThan(0);
        expect(p.pendingBytes).toBeLessThanOrEqual(CAP);
      }
      p.flush();
      expect(p.pendingBytes).toBe(0);
      const lines = runnerLines(out.text());
      expect(lines).toHaveLength(16);
      for (const l of lines) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(CAP + '[x] '.length + 3);
    });

    it('round-trips any mix of cuts, line ends and multi-byte characters (small cap)', () => {
      const rand = prng(7);
      const alphabet = ['a', 'b', 'é', '€', '𝄞', '\r', '\n', '\r\n', 'abcdefghij'];
      for (let i = 0; i < 300; i++) {
        const input = randomText(rand, alphabet, Math.floor(rand() * 60));
        const text = run(chop(input, rand), '[x] ', 8);
        for (const line of runnerLines(text)) {
          expect(line.startsWith('[x] ')).toBe(true);
          const content = line.slice(4).replace(new RegExp(`^${MARK}`), '');
          expect(Buffer.byteLength(content)).toBeLessThanOrEqual(8);
        }
        expect(text).not.toContain('\ufffd');
        expect(reconstruct(text, '[x] ')).toBe(terminated(input));
      }
    });
  });

  it('exports the cap and mark that docs/action.md states', () => {
    expect([MAX_LINE_BYTES, CONTINUATION_MARK]).toEqual([CAP, MARK]);
    expect(() => new LinePrefixer('[x] ', collector(), 3)).toThrow(RangeError);
  });

  it('keeps a UTF-8 character split across chunks whole', () => {
    const bytes = Buffer.from('é€𝄞\n');
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    expect(run(chunks)).toBe('[x] é€𝄞\n');
  });
});

/** `s` as UTF-8 chunks of `size` bytes. */
function sized(s: string, size: number): Buffer[] {
  const b = Buffer.from(s);
  const chunks: Buffer[] = [];
  for (let i = 0; i < b.length; i += size) chunks.push(b.subarray(i, i + size));
  return chunks;
}
