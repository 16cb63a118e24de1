import { MAX_CONFIG_BYTES } from './limits.js';

/**
 * Cheap checks on the raw text, run before any parsing so hostile or wrong files fail in
 * microseconds: too large, binary, or empty.
 */

export const EMPTY_FILE = 'the file is empty; expected a mapping with version and benchmarks';

/** Exact UTF-8 size check that only encodes when it must: each UTF-16 unit is 1–3 bytes. */
function tooLarge(text: string): boolean {
  if (text.length > MAX_CONFIG_BYTES) return true;
  if (text.length * 3 <= MAX_CONFIG_BYTES) return false;
  return new TextEncoder().encode(text).length > MAX_CONFIG_BYTES;
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}

/** One error line for content that must not be parsed at all, or undefined. */
export function contentProblem(text: string, file: string): string | undefined {
  if (tooLarge(text)) {
    return `${file}: the file is larger than 1 MiB; a carbon-gate config is a few kB, is this the right file?`;
  }
  // NUL never appears in text; U+FFFD is what a lenient decoder left for invalid UTF-8.
  const binaryAt = text.search(/[\0\uFFFD]/);
  if (binaryAt >= 0) {
    return `${file}:${lineCol(text, binaryAt)}: binary content (NUL byte or invalid UTF-8); expected a UTF-8 YAML text file`;
  }
  if (text.trim() === '') return `${file}: ${EMPTY_FILE}`;
  return undefined;
}
