import type { ActionContext } from '../github/context.js';
import type { ActionInputs } from './inputs.js';

/**
 * What the data branch is used for in this event (baseline: history only): a push to the default branch
 * appends its run; a pull request reads its base commit's record. Everything else leaves it alone.
 */
export type HistoryRole =
  { role: 'append' } | { role: 'compare'; baseSha: string } | { role: 'off'; why: string };

export function historyRole(inputs: Pick<ActionInputs, 'baseline'>, ctx: ActionContext): HistoryRole {
  if (inputs.baseline !== 'history') return { role: 'off', why: `baseline: ${inputs.baseline}` };
  if (ctx.eventName === 'push') {
    if (ctx.defaultBranch && ctx.ref === `refs/heads/${ctx.defaultBranch}`) return { role: 'append' };
    return { role: 'off', why: 'a push to a branch other than the default one is not recorded' };
  }
  if (ctx.prNumber !== undefined && ctx.baseSha && /^[0-9a-f]{40}$/.test(ctx.baseSha)) {
    return { role: 'compare', baseSha: ctx.baseSha };
  }
  return { role: 'off', why: `nothing to record or compare in a ${ctx.eventName || 'unknown'} event` };
}
