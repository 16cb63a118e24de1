import type { MachineInput } from './types.js';

/** One SPECpower server: its inputs as the prediction API takes them, and its measured curve. */
export interface SpecServer {
  id: string;
  input: MachineInput;
  /** Wall power (W) at active idle and 10 % … 100 % load. */
  watts: number[];
}

const LEVEL_COLUMNS = ['idle_w', ...Array.from({ length: 10 }, (_, i) => `p${(i + 1) * 10}_w`)];

/** RFC 4180 CSV: quoted fields may hold commas ("Huawei Technologies Co., Ltd") and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      field += c;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      endRow();
    } else if (c !== '\r') {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** machines.csv → servers, in file order. Empty cells become absent fields, never zeros. */
export function parseSpecpower(text: string): SpecServer[] {
  const [header, ...body] = parseCsv(text);
  if (!header) return [];
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`machines.csv: no "${name}" column`);
    return i;
  };
  const num = (r: string[], name: string) => {
    const v = r[col(name)]?.trim() ?? '';
    return v === '' ? undefined : Number(v);
  };
  const str = (r: string[], name: string) => r[col(name)]?.trim() || undefined;
  return body.map((r) => ({
    id: str(r, 'id') ?? '',
    input: {
      cpuModel: str(r, 'cpu_name') ?? '',
      vendor: str(r, 'vendor'),
      architecture: str(r, 'architecture'),
      year: num(r, 'year'),
      sockets: num(r, 'sockets'),
      cores: num(r, 'cores'),
      threads: num(r, 'threads') ?? 1,
      tdpWattsPerSocket: num(r, 'tdp_w_per_socket'),
      memoryGb: num(r, 'memory_gb'),
    },
    watts: LEVEL_COLUMNS.map((c) => num(r, c) ?? Number.NaN),
  }));
}
