/**
 * A benchmark's page name: its name reduced to [a-z0-9-] (at most 40 characters, so it is readable and
 * safe in any file system and URL) plus 8 hex digits of a hash of the whole name, so names that reduce
 * alike ("a b", "a-b", "<script>") still get pages of their own. The same name always gives the same page.
 */
export function benchSlug(name: string): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'benchmark';
  return `${base}-${fnv1a(name)}`;
}

/** FNV-1a over the UTF-16 code units: a stable, dependency-free 32-bit hash. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
