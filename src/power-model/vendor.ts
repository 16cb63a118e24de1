/**
 * Server vendor groups. SPECpower submitters spell one vendor many ways ("Hewlett-Packard Company",
 * "Hewlett Packard Enterprise"; five Supermicro spellings), and vendors tune idle power differently
 * enough that the group is a useful feature. Vendors with fewer than five servers share "other".
 */
const VENDOR_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/super ?micro/, 'supermicro'],
  [/hewlett|\bhpe?\b/, 'hp'],
  [/fujitsu/, 'fujitsu'],
  [/\bacer\b/, 'acer'],
  [/\bdell\b/, 'dell'],
  [/\bibm\b/, 'ibm'],
  [/lenovo/, 'lenovo'],
  [/huawei/, 'huawei'],
  [/hitachi/, 'hitachi'],
  [/\bnec\b/, 'nec'],
  [/inspur/, 'inspur'],
  [/asus/, 'asus'],
  [/sugon/, 'sugon'],
  [/quanta/, 'quanta'],
  [/h3c/, 'h3c'],
  [/tyan/, 'tyan'],
];

export const VENDOR_GROUPS: readonly string[] = [...VENDOR_RULES.map(([, g]) => g), 'other'].sort();

/** CPU makers, which callers sometimes pass as "vendor" (cpuinfo's vendor_id is one of these). */
const CPU_MAKERS: Readonly<Record<string, 'intel' | 'amd'>> = {
  intel: 'intel',
  genuineintel: 'intel',
  amd: 'amd',
  authenticamd: 'amd',
};

/** The vendor group of a server vendor name; null when the name is empty or is a CPU maker. */
export function vendorGroup(vendor: string | undefined): string | null {
  const v = (vendor ?? '').trim().toLowerCase();
  if (v === '' || v in CPU_MAKERS) return null;
  return VENDOR_RULES.find(([pattern]) => pattern.test(v))?.[1] ?? 'other';
}

/** CPU maker, from the vendor field when it names one, else from the CPU name or architecture. */
export function cpuMake(
  vendor: string | undefined,
  key: string,
  architecture: string | null,
): 'intel' | 'amd' {
  const v = CPU_MAKERS[(vendor ?? '').trim().toLowerCase()];
  if (v) return v;
  if (/\b(epyc|opteron|ryzen|threadripper|athlon)\b/.test(key)) return 'amd';
  return architecture?.startsWith('epyc') || architecture === 'opteron' ? 'amd' : 'intel';
}
