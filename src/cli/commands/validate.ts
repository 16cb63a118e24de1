import path from 'node:path';
import { findConfigPath, loadConfig } from '../../io/config-file.js';
import { UsageError } from '../../errors/usage-error.js';
import { EXIT } from '../exit-codes.js';
import { HELP } from '../help.js';
import { parseOptions } from '../parse-options.js';

export async function validateCommand(args: string[]): Promise<number> {
  const { values } = parseOptions('validate', args, {
    config: { type: 'string' },
    help: { type: 'boolean', default: false },
  });
  if (values.help) {
    process.stdout.write(HELP.validate + '\n');
    return EXIT.ok;
  }
  const found = findConfigPath(process.cwd(), values.config);
  if (!found)
    throw new UsageError('validate: no carbon-gate.yml or carbon-gate.yaml here; pass --config FILE');
  const { config } = await loadConfig(found);
  const n = config.benchmarks.length;
  const shown = path.relative(process.cwd(), found) || found;
  process.stdout.write(`${shown}: valid (${n} benchmark${n === 1 ? '' : 's'})\n`);
  return EXIT.ok;
}
