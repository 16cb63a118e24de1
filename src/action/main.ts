/**
 * The action's entry (dist/index.js). Thin: inputs, the mode, outputs, and core.setFailed exactly once, here.
 * `node dist/index.js report` is the workflow_run half (action/report).
 */
import * as core from '@actions/core';
import { isUserFacing } from '../errors/carbon-gate-error.js';
import { RegionError } from '../errors/region-error.js';
import { contextFrom } from '../github/context.js';
import { readEvent } from '../github/io/read-event.js';
import { failsStep } from './fail-policy.js';
import { parseInputs, secretValues } from './inputs.js';
import { setOutputs, type ActionOutputs } from './outputs.js';
import { readInput } from './read-input.js';
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
    outputs =
      process.argv[2] === 'report' ? await reportMode(inputs, ctx, event) : await runAction(inputs, ctx);
    if (process.argv[2] === 'report') return null;
    if (!failsStep(outputs.status, inputs.failOn)) return null;
    return `carbon-gate: ${outputs.status}`;
  } catch (e) {
    // A user's mistake (config, input, file) is its lines as they are; anything else its message.
    if (e instanceof RegionError) return `carbon-gate: ${e.worded('input region')}`;
    if (isUserFacing(e)) return `carbon-gate: ${e.lines.join('\n')}`;
    return `carbon-gate: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    setOutputs(outputs);
  }
}

const failure = await main();
if (failure !== null) core.setFailed(failure);
