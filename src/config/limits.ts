/**
 * Hard limits on config input. A carbon-gate.yml is a few kB; anything far larger is the
 * wrong file or an attack, and the YAML parser gets slow (or worse) on hostile input long
 * before memory is a concern, so these fail fast instead of trying.
 */

/** Largest config accepted, in bytes (UTF-8). Checked before any parsing. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** YAML alias expansions allowed; real configs use a handful, alias bombs use thousands. */
export const MAX_YAML_ALIASES = 50;

/** Flow collections ([...] or {...}) nested deeper than this are refused before parsing. */
export const MAX_FLOW_DEPTH = 32;

/** Block indicators ("- ", "? ", ": ") on one line; "- - - - …" nests one level per indicator. */
export const MAX_INDICATORS_PER_LINE = 8;

/** Indentation, in columns, beyond which a line is refused: each level nests the parser deeper. */
export const MAX_INDENT = 256;

/** Error lines reported at most; a list of 10 000 broken benchmarks needs only the first few. */
export const MAX_ERROR_LINES = 50;

/**
 * The size of a suite: the one set of limits the config schema enforces and the report
 * (src/report/schema.ts REPORT_LIMITS) and the history record (src/github/history/record.ts
 * RECORD_LIMITS) are built from, so whatever the config accepts, the report and the record accept.
 *
 * `suiteRepeats` caps the metered repeats of the whole suite (a benchmark without `repeat` counts as the
 * gated default, 5): every repeat is a sample in the report and in the record, so this is what keeps a
 * report and a record of the largest suite within their byte caps (the Action's MAX_REPORT_BYTES, the
 * history's MAX_RECORD_BYTES). 1000 benchmarks at the default fit, and so do 10 benchmarks of 1000 repeats.
 */
export const SUITE_LIMITS = {
  benchmarks: 1000,
  /** Metered runs of one benchmark. */
  repeat: 1000,
  /** Unmeasured runs before them. */
  warmup: 100,
  /** Metered runs of the whole suite. */
  suiteRepeats: 10_000,
} as const;
