import { readFile } from 'node:fs/promises';
import { ConfigError } from '../../errors/config-error.js';
import { UsageError } from '../../errors/usage-error.js';
import { parseMachines } from '../../power-model/machines-file.js';
import { powerModelInfo, predictServerWatts } from '../../power-model/predict.js';
import { EXIT } from '../exit-codes.js';
import { parseOptions } from '../parse-options.js';

export const POWER_MODEL_HELP = `carbon-gate power-model — the calibrated whole-server power model (SPECpower)

Usage:
  carbon-gate power-model predict --machines FILE
  carbon-gate power-model info

predict   FILE is a JSON list of {id, cpuModel, threads, utilization: [0..1, …]} with optional
          vendor, architecture, year, sockets, cores, tdpWattsPerSocket, memoryGb. Prints a JSON
          list [{id, watts: […]}] in the same order: whole-server wall power (W) at each utilisation.
info      prints the model's name, version, cross-validated MAPE and uncertainty band as JSON.

Options:
  --machines FILE   the machines to predict (predict only)
  --help            this text

A bad FILE gives one line "FILE: [i].field: expected …, found …" and exit code 2.`;

const MAX_BYTES = 16 * 1024 * 1024;

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    const bytes = await readFile(file);
    if (bytes.length > MAX_BYTES) throw new ConfigError([`${file}: the file is larger than 16 MiB`]);
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError([
      code === 'ENOENT' ? `${file}: file not found` : `${file}: cannot read (${code ?? 'not UTF-8 text'})`,
    ]);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ConfigError([
      `${file}: expected JSON, found invalid JSON (${(e as Error).message.split('\n')[0]})`,
    ]);
  }
}

const round = (w: number) => Math.round(w * 1000) / 1000;

/** `carbon-gate power-model predict|info`; file problems throw ConfigError (exit 2, lines as is). */
export async function powerModelCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions('power-model', args, {
    machines: { type: 'string' },
    help: { type: 'boolean', default: false },
  });
  if (values.help) {
    process.stdout.write(POWER_MODEL_HELP + '\n');
    return EXIT.ok;
  }
  const [sub, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`power-model: unexpected argument "${extra[0]}"`);
  if (sub === 'info') {
    process.stdout.write(JSON.stringify(powerModelInfo(), null, 2) + '\n');
    return EXIT.ok;
  }
  if (sub !== 'predict')
    throw new UsageError(
      `power-model: expected "predict" or "info", found ${sub === undefined ? 'nothing' : `"${sub}"`} (see carbon-gate power-model --help)`,
    );
  if (!values.machines) throw new UsageError('power-model predict: expected --machines FILE');
  const parsed = parseMachines(await readJson(values.machines), values.machines);
  if (!parsed.ok) throw new ConfigError([parsed.error]);
  for (const w of parsed.warnings) process.stderr.write(`carbon-gate: warning: ${w}\n`);
  const out = parsed.requests.map((r) => ({
    id: r.id,
    watts: predictServerWatts(r.machine, r.utilization).map(round),
  }));
  // One machine per line: valid JSON that stays readable for a few hundred machines.
  process.stdout.write(`[\n${out.map((o) => '  ' + JSON.stringify(o)).join(',\n')}\n]\n`);
  return EXIT.ok;
}
