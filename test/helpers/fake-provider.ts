import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A provider stand-in on 127.0.0.1 (port 0): one handler per path; the tests never leave the machine. */
export async function fakeProvider(routes: Record<string, Handler>) {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const path = (req.url ?? '').split('?')[0] ?? '';
    const handler = routes[path];
    if (handler) handler(req, res);
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const json =
  (body: unknown, status = 200): Handler =>
  (_req, res) =>
    res
      .writeHead(status, { 'content-type': 'application/json' })
      .end(typeof body === 'string' ? body : JSON.stringify(body));

/** Never answers: the client's timeout must fire. */
export const hang: Handler = () => {};

/** Fails `failures` times with `status`, then answers `body`: exercises the bounded retry. */
export function flaky(failures: number, status: number, body: unknown): Handler {
  let left = failures;
  return (req, res) => (left-- > 0 ? json({ error: 'busy' }, status)(req, res) : json(body)(req, res));
}
