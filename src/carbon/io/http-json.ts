import { ProviderError, type ProviderFault } from './provider-error.js';

export interface HttpOptions {
  headers?: Record<string, string>;
  /** Per attempt; clamped to 3 s so a slow provider can never stall a CI job for long. */
  timeoutMs?: number;
  /** Extra attempts after the first, for 429, 5xx, timeouts and network errors. */
  retries?: number;
}

export const MAX_TIMEOUT_MS = 3000;
const MAX_RETRIES = 2;

/** host + path only: user-info or query strings could carry credentials and must not be printed. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return 'invalid URL';
  }
}

function faultFor(status: number): ProviderFault {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate-limit';
  return status >= 500 ? 'server' : 'client';
}

async function attempt(url: string, headers: Record<string, string>, timeoutMs: number): Promise<unknown> {
  const where = describeUrl(url);
  let res: Response;
  try {
    res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
    throw new ProviderError(
      timedOut ? 'timeout' : 'network',
      `${where}: ${timedOut ? `no answer within ${timeoutMs} ms` : 'unreachable'}`,
    );
  }
  let text: string;
  try {
    text = await res.text();
  } catch {
    throw new ProviderError('timeout', `${where}: answer cut off or slower than ${timeoutMs} ms`);
  }
  if (!res.ok) throw new ProviderError(faultFor(res.status), `${where}: HTTP ${res.status}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProviderError('malformed', `${where}: answer is not JSON`);
  }
}

/** GET a JSON document with a timeout and bounded retries; every failure is a ProviderError. */
export async function getJson(url: string, opts: HttpOptions = {}): Promise<unknown> {
  const timeoutMs = Math.min(opts.timeoutMs ?? MAX_TIMEOUT_MS, MAX_TIMEOUT_MS);
  const retries = Math.min(opts.retries ?? 1, MAX_RETRIES);
  for (let i = 0; ; i++) {
    try {
      return await attempt(url, opts.headers ?? {}, timeoutMs);
    } catch (e) {
      if (!(e instanceof ProviderError) || !e.retryable || i >= retries) throw e;
      // Short, growing pause: enough for a 429 window to move on, short enough for CI.
      await new Promise((r) => setTimeout(r, 200 * (i + 1)));
    }
  }
}
