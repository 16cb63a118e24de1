import type { z } from 'zod';
import type {
  BenchmarkReportSchema,
  EmbodiedReportSchema,
  ReportSchema,
  SampleReportSchema,
  StatusSchema,
} from './schema.js';

/**
 * The report's JSON contract as TS types, inferred from its one zod schema (schema.ts): a field added,
 * removed or retyped there changes these, and every producer and reader that disagrees fails to compile.
 */
export { SCHEMA_VERSION } from './schema.js';

export type Status = z.output<typeof StatusSchema>;
export type SampleReport = z.output<typeof SampleReportSchema>;
export type BenchmarkReport = z.output<typeof BenchmarkReportSchema>;
export type EmbodiedReport = z.output<typeof EmbodiedReportSchema>;
export type Report = z.output<typeof ReportSchema>;
