/**
 * Escaping for user-controlled text (benchmark names, reasons, branch names, anything from an artifact)
 * that lands in GitHub markdown. Entities rather than backslashes: they also work inside table cells and
 * HTML blocks, and `@`/`#` entities stop mentions and issue links from pinging anyone.
 */
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '*': '&#42;',
  _: '&#95;',
  '[': '&#91;',
  ']': '&#93;',
  '(': '&#40;',
  ')': '&#41;',
  '|': '&#124;',
  '\\': '&#92;',
  '~': '&#126;',
  '@': '&#64;',
  '#': '&#35;',
  ':': '&#58;',
  '!': '&#33;',
  $: '&#36;',
  '=': '&#61;',
};

// Control and bidi/zero-width characters could hide or reorder text.
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Escapes markdown and HTML, flattens line breaks and control characters, and caps the length. */
export function escapeMarkdown(text: string, maxLength = 300): string {
  const flat = Array.from(text.replace(/[\r\n\t]+/g, ' ')).slice(0, maxLength);
  const cleaned = flat.join('').replace(HIDDEN, '');
  const escaped = cleaned.replace(/[&<>"'`*_[\]()|\\~@#:!$=]/g, (c) => ENTITIES[c]!);
  return Array.from(text).length > maxLength ? escaped + '…' : escaped;
}

/** Inside a mermaid block entities do not work: keep only characters that cannot break out of it. */
export function mermaidSafe(text: string, maxLength = 40): string {
  return text.replace(/[^A-Za-z0-9 ._-]/g, '').slice(0, maxLength) || '?';
}
