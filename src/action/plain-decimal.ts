/**
 * A number as a plain decimal for step outputs: no exponent (a tiny benchmark uses 1e-8 kWh, which shell
 * arithmetic and `fromJSON` comparisons misread), about `significant` significant digits.
 */
export function plainDecimal(n: number, significant = 6): string {
  if (!Number.isFinite(n)) return '0';
  if (n === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(n)));
  const decimals = Math.min(20, Math.max(0, significant - 1 - magnitude));
  const fixed = n.toFixed(decimals);
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}
