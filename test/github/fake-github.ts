import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeComment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string; type: 'Bot' | 'User' };
}

export interface FakePull {
  head: { sha: string; ref: string };
  base: { ref: string };
  /** GitHub's `state`; answered as `open` when not set. */
  state?: 'open' | 'closed';
  merged?: boolean;
}

export interface Fault {
  method: string;
  /** Matched against the path without the query. */
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  message?: string;
  /** How many matching requests fail (default 1). */
  times?: number;
}

/**
 * GitHub's issue-comment REST endpoints (list with Link-header pagination, create, update) and GET pulls/{n},
 * on 127.0.0.1 with an ephemeral port. Faults answer matching requests with an error status first.
 */
export async function startFakeGitHub(opts: { pageSize?: number } = {}) {
  const comments = new Map<number, FakeComment[]>();
  const pulls = new Map<number, FakePull>();
  const faults: Fault[] = [];
  const log: { method: string; path: string; status: number }[] = [];
  let nextId = 1000;
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', base);
    const method = req.method ?? 'GET';
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      log.push({ method, path: url.pathname, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    let raw = '';
    for await (const c of req) raw += c;
    const fault = faults.find((f) => f.method === method && f.path.test(url.pathname) && (f.times ?? 1) > 0);
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      return send(fault.status, { message: fault.message ?? 'fault' }, fault.headers);
    }
    let m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname);
    if (m) {
      const list = comments.get(Number(m[1])) ?? [];
      comments.set(Number(m[1]), list);
      if (method === 'POST') {
        const c: FakeComment = {
          id: nextId++,
          body: JSON.parse(raw).body,
          html_url: `https://github.test/pr/${m[1]}#issuecomment-${nextId}`,
          user: { login: 'github-actions[bot]', type: 'Bot' },
        };
        list.push(c);
        return send(201, c);
      }
      const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), opts.pageSize ?? 100);
      const page = Number(url.searchParams.get('page') ?? 1);
      const last = Math.max(1, Math.ceil(list.length / perPage));
      const links: string[] = [];
      const at = (p: number) => `<${base}${url.pathname}?per_page=${perPage}&page=${p}>`;
      if (page < last) links.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
      return send(
        200,
        list.slice((page - 1) * perPage, page * perPage),
        links.length ? { link: links.join(', ') } : {},
      );
    }
    m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (m && method === 'PATCH') {
      for (const list of comments.values()) {
        const c = list.find((x) => x.id === Number(m![1]));
        if (c) {
          c.body = JSON.parse(raw).body;
          return send(200, c);
        }
      }
    }
    m = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)$/.exec(url.pathname);
    if (m && method === 'GET' && pulls.has(Number(m[1])))
      return send(200, { number: Number(m[1]), state: 'open', merged: false, ...pulls.get(Number(m[1])) });
    send(404, { message: 'Not Found' });
  }

  return {
    url: base,
    comments,
    pulls,
    faults,
    log,
    seed(issue: number, n: number, user: FakeComment['user'] = { login: 'octocat', type: 'User' }) {
      const list = comments.get(issue) ?? [];
      for (let i = 0; i < n; i++) {
        list.push({ id: nextId++, body: `comment ${i}`, html_url: `https://github.test/c/${nextId}`, user });
      }
      comments.set(issue, list);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export type FakeGitHub = Awaited<ReturnType<typeof startFakeGitHub>>;
