/** What the action needs from the runner's environment and the event payload. Pure: the caller reads the files. */
export interface ActionContext {
  eventName: string;
  owner: string;
  repo: string;
  prNumber?: number;
  headRef?: string;
  baseRef?: string;
  headSha?: string;
  baseSha?: string;
  sha: string;
  ref: string;
  defaultBranch?: string;
  workflow: string;
  job: string;
  runId: string;
  apiUrl: string;
  serverUrl: string;
  workspace: string;
}

type Env = Record<string, string | undefined>;
type Json = Record<string, unknown> | undefined;

const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function contextFrom(env: Env, payload: unknown): ActionContext {
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const p = obj(payload);
  const pr = obj(p?.pull_request);
  const head = obj(pr?.head);
  const base = obj(pr?.base);
  const number = typeof pr?.number === 'number' ? pr.number : undefined;
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    owner,
    repo,
    ...(number !== undefined ? { prNumber: number } : {}),
    headRef: str(head?.ref),
    baseRef: str(base?.ref),
    headSha: str(head?.sha),
    baseSha: str(base?.sha),
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    defaultBranch: str(obj(p?.repository)?.default_branch),
    workflow: env.GITHUB_WORKFLOW ?? '',
    job: env.GITHUB_JOB ?? '',
    runId: env.GITHUB_RUN_ID ?? '',
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
    serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, ''),
    workspace: env.GITHUB_WORKSPACE ?? '',
  };
}

/** The run's page, where the job summary is shown. */
export function summaryUrl(ctx: ActionContext): string | undefined {
  if (!ctx.owner || !ctx.runId) return undefined;
  return `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${ctx.runId}`;
}
