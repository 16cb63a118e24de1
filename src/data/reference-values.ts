// Constants behind the Green Algorithms formula and the human-scale equivalents, over
// data/reference-values.json (derived by scripts/derive-grid.mjs; sources kept per value).
import refData from '../../data/reference-values.json' with { type: 'json' };

export interface ReferenceValue {
  value: number;
  source: string;
}

interface ReferenceFile {
  memoryWPerGb: ReferenceValue;
  carGPerKmEu: ReferenceValue;
  carGPerKmUs: ReferenceValue;
  treeMonthG: ReferenceValue;
  smartphoneChargeKwh: ReferenceValue;
}

const data: ReferenceFile = refData;

export const REFERENCE: Readonly<ReferenceFile> = data;
