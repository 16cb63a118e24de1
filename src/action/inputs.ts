import type { CommentMode } from '../github/comment-policy.js';
import { isBranchName } from '../github/history/branch-name.js';
import { parseMass } from '../units.js';
import { InputError } from './input-error.js';
import { INPUTS } from './inputs-schema.js';
import { parseNameList, parseShard, SHARD_EXPECTED, type ShardSpec } from '../runner/shard.js';

export type { CommentMode };
export type FailOn = 'fail' | 'warn' | 'never';
export type BaselineMode = 'history' | 'ab' | 'none';

export interface ActionInputs {
  config: string;
  githubToken: string;
  region?: string;
  comment: CommentMode;
  failOn: FailOn;
  baseline: BaselineMode;
  historyBranch: string;
  historyRetentionDays: number;
  /** Grams per month; absent: no team budget from inputs. */
  teamBudgetCo2eG?: number;
  workingDirectory: string;
  template?: string;
  reportDir: string;
  /** A local user name; absent: benchmarks run as the Action's own user. */
  benchmarkUser?: string;
  /** A matrix job's part of the suite (docs/matrix.md). */
  shard?: ShardSpec;
  benchmarks?: string[];
  electricityMapsToken?: string;
  wattTimeUsername?: string;
  wattTimePassword?: string;
}

/** Reads one raw input; the action passes core.getInput, tests a map. */
export type InputReader = (name: string) => string;

/** Validates every input against INPUTS: empty means the schema default; a value outside `choices` is an error. */
export function parseInputs(read: InputReader): ActionInputs {
  const v: Record<string, string | undefined> = {};
  for (const spec of INPUTS) {
    const raw = read(spec.name).trim();
    const value = raw === '' ? (spec.default?.startsWith('${{') ? '' : spec.default) : raw;
    if (spec.choices && value !== undefined && !spec.choices.includes(value)) {
      throw new InputError(
        `input ${spec.name}: "${value.slice(0, 40)}" is not one of ${spec.choices.join(', ')}`,
      );
    }
    v[spec.name] = value === '' ? undefined : value;
  }
  return {
    config: v['config']!,
    githubToken: v['github-token'] ?? '',
    region: v['region'],
    comment: v['comment'] as CommentMode,
    failOn: v['fail-on'] as FailOn,
    baseline: v['baseline'] as BaselineMode,
    historyBranch: branchName(v['history-branch']!),
    historyRetentionDays: retentionDays(v['history-retention-days']!),
    ...teamBudget(v['team-budget-co2e']),
    workingDirectory: v['working-directory']!,
    template: v['template'],
    reportDir: v['report-dir']!,
    ...userName(v['benchmark-user']),
    ...selection(v['shard'], v['benchmarks']),
    electricityMapsToken: v['electricity-maps-token'],
    wattTimeUsername: v['watttime-username'],
    wattTimePassword: v['watttime-password'],
  };
}

/** Values to mask in logs: every secret input that is set. */
export function secretValues(read: InputReader): string[] {
  return INPUTS.filter((s) => s.secret)
    .map((s) => read(s.name).trim())
    .filter((x) => x !== '');
}

/** Whole days, at least 31: pruning must never reach into the month the team ledger sums. */
function retentionDays(raw: string): number {
  const n = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 31)) {
    throw new InputError(
      `input history-retention-days: "${raw.slice(0, 40)}" is not a whole number of days ≥ 31`,
    );
  }
  return n;
}

function teamBudget(raw: string | undefined): { teamBudgetCo2eG?: number } {
  if (raw === undefined) return {};
  const g = parseMass(raw);
  if (g === null || !(g > 0)) {
    throw new InputError(
      `input team-budget-co2e: "${raw.slice(0, 40)}" is not a mass > 0 like 2 kg or 500 g`,
    );
  }
  return { teamBudgetCo2eG: g };
}

/** A plain branch name (branch-name.ts): it is put into git refspecs. */
function branchName(raw: string): string {
  if (!isBranchName(raw)) {
    throw new InputError(`input history-branch: "${raw.slice(0, 40)}" is not a valid branch name`);
  }
  return raw;
}

/** `shard: K/N` and `benchmarks: a,b`: a bad value names the input. */
function selection(
  shard: string | undefined,
  names: string | undefined,
): Pick<ActionInputs, 'shard' | 'benchmarks'> {
  const spec = shard === undefined ? undefined : parseShard(shard);
  if (spec === null) throw new InputError(`input shard: "${shard!.slice(0, 40)}" is not ${SHARD_EXPECTED}`);
  const list = names === undefined ? undefined : parseNameList(names);
  if (list !== undefined && !list.length)
    throw new InputError('input benchmarks: expected benchmark names separated by commas');
  return { ...(spec ? { shard: spec } : {}), ...(list ? { benchmarks: list } : {}) };
}

/** A POSIX user name (it is passed to getent, never to a shell). */
function userName(raw: string | undefined): { benchmarkUser?: string } {
  if (raw === undefined) return {};
  if (!/^[a-z_][a-z0-9_-]{0,31}\$?$/i.test(raw))
    throw new InputError(
      `input benchmark-user: "${raw.slice(0, 40)}" is not a user name like bench or ci_runner`,
    );
  return { benchmarkUser: raw };
}
