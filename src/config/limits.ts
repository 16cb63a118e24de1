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
