/**
 * One-line renderings of paths and values for error messages. Everything user-supplied is
 * JSON-quoted and truncated, so a hostile key or value can never break a line or flood it.
 */

const MAX_SHOWN = 40;
const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** JSON quoting plus the two line separators JSON leaves raw. */
function quote(text: string): string {
  const short =
    text.length > MAX_SHOWN
      ? `${Array.from(text.slice(0, MAX_SHOWN * 2))
          .slice(0, MAX_SHOWN)
          .join('')}…`
      : text;
  return JSON.stringify(short)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** `benchmarks[1].env.FOO`; odd keys are bracketed: `env["MY VAR"]`. Empty for the root. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && PLAIN_KEY.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${quote(String(segment))}]`;
  }
  return out;
}

/** How a found value reads after "found": `"soon"`, `30`, `a list`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return Object.keys(value).length === 0 ? 'an empty mapping' : 'a mapping';
  return `a ${typeof value}`;
}

/** The input value at `path`, or undefined if any step is missing (own properties only). */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}
