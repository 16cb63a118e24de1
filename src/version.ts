import pkg from '../package.json' with { type: 'json' };

/** carbon-gate's version, as the report's `tool.version` and `--version` print it. */
export const VERSION: string = pkg.version;
