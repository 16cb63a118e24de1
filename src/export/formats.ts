/** The formats `carbon-gate export --format` writes (docs/exports.md). */
export const EXPORT_FORMATS = ['codecarbon-csv', 'sci', 'impact-framework', 'markdown'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(s: string): s is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(s);
}
