/** Quotes argv for /bin/sh so `carbon-gate meter -- CMD ARGS…` runs exactly the words given. */
export function shellQuote(args: readonly string[]): string {
  return args
    .map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}
