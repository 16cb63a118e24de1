/**
 * The action: run() is inputs, the mode, outputs, and core.setFailed exactly once, here. Importing this
 * module runs nothing: the bundle's entry (index.ts → dist/index.js) calls run(), and so can GitHub's
 * `@github/local-action` and tests. `node dist/index.js report` is the workflow_run half (action/report);
 * `node dist/index.js merge` merges a matrix's shard reports (action/merge).
 */
import * as core from '@actions/core';
import { isUserFacing } from '../errors/carbon-gate-error.js';
import { RegionError } from '../errors/region-error.js';
import { contextFrom } from '../github/context.js';
import { readEvent } from '../github/io/read-event.js';
import { escapeMarkdown } from '../github/render/escape.js';
import { STATUS_ICON } from '../github/render/format.js';
import { failsStep } from './fail-policy.js';
import { parseInputs, secretValues } from './inputs.js';
import { setOutputs, type ActionOutputs } from './outputs.js';
import { readInput } from './read-input.js';
import { mergeMode } from './merge-mode.js';
import { reportMode } from './report-mode.js';
import { runAction } from './run-action.js';

async function main(): Promise<string | null> {
  const read = readInput(process.env);
  for (const s of secretValues(read)) core.setSecret(s);
  let outputs: ActionOutputs = { status: 'error' };
  try {
    const inputs = parseInputs(read);
    const event = await readEvent(process.env.GITHUB_EVENT_PATH);
    const ctx = contextFrom(process.env, event);
    const mode = process.argv[2];
    outputs =
      mode === 'report'
        ? await reportMode(inputs, ctx, event)
        : mode === 'merge'
          ? await mergeMode(inputs, ctx, read)
          : await runAction(inputs, ctx);
    if (mode === 'report') return null;
    if (!failsStep(outputs.status, inputs.failOn)) return null;
    return `carbon-gate: ${outputs.status}`;
  } catch (e) {
    // A user's mistake (config, input, file) is its lines as they are; anything else its message.
    const message =
      e instanceof RegionError
        ? e.worded('input region')
        : isUserFacing(e)
          ? e.lines.join('\n')
          : e instanceof Error
            ? e.message
            : String(e);
    await errorSummary(message);
    return `carbon-gate: ${message}`;
  } finally {
    setOutputs(outputs);
  }
}

/**
 * The job summary is always written: when the run stopped before a report (a missing config, a bad
 * input), it says why. Best effort: outside Actions there is no summary file.
 */
async function errorSummary(message: string): Promise<void> {
  const lines = message.split('\n').map((l) => `- ${escapeMarkdown(l, 500)}`);
  await core.summary
    .addRaw(`## ${STATUS_ICON.error} carbon-gate: no report\n\n${lines.join('\n')}\n`)
    .write()
    .catch(() => undefined);
}

/** The action, start to end; the step's result is set once, here. */
export async function run(): Promise<void> {
  const failure = await main();
  if (failure !== null) core.setFailed(failure);
}
