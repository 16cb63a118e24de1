/** Where the grid intensity comes from: the embedded tables, or one live provider. */
export const INTENSITY_SOURCES = ['embedded', 'electricity-maps', 'watttime', 'uk'] as const;
export type IntensitySource = (typeof INTENSITY_SOURCES)[number];

export function isIntensitySource(value: string): value is IntensitySource {
  return (INTENSITY_SOURCES as readonly string[]).includes(value);
}

/** Flag, then config; with neither, Electricity Maps when a token is available, else embedded. */
export function selectIntensitySource(
  flag: IntensitySource | undefined,
  config: IntensitySource | undefined,
  hasElectricityMapsToken: boolean,
): IntensitySource {
  return flag ?? config ?? (hasElectricityMapsToken ? 'electricity-maps' : 'embedded');
}
