/** A minimal HTTP client over one keep-alive agent: the whole response is read before the clock stops. */
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

export interface HttpResult {
  status: number;
  body: Buffer;
  /** Request start to the last byte of the response, in ms. */
  ms: number;
}

export function request(
  method: 'GET' | 'POST',
  url: string,
  opts: { headers?: Record<string, string>; body?: Buffer; timeoutMs?: number } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const headers: Record<string, string | number> = { ...opts.headers };
    if (opts.body) headers['content-length'] = opts.body.length;
    const req = http.request(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), ms: performance.now() - started }));
    });
    req.setTimeout(opts.timeoutMs ?? 15 * 60_000, () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

export function closeHttp() {
  agent.destroy();
}
