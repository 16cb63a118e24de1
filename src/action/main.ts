/**
 * The action's entry (dist/index.js). Thin: inputs, the mode, outputs, and core.setFailed exactly once, here.
 * `node dist/index.js report` is the workflow_run half (action/report).
 */
import * as core from '@actions/core';
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
    const err = e instanceof Error ? e : new Error(String(e));
    const lines = (err as { lines?: string[] }).lines;
    return `carbon-gate: ${lines ? lines.join('\n') : err.message}`;
  } finally {
    setOutputs(outputs);
  }
}

const failure = await main();
if (failure !== null) core.setFailed(failure);
