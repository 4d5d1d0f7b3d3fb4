import autocannon from 'autocannon';

export interface LoadFigures {
  readonly requests: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly seconds: number;
  /** 2xx responses per second. */
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly statusCodes: Record<string, number>;
}

export interface LoadRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/**
 * Runs autocannon against `url` for `seconds`, with each request built by `next()`. `onResponse` gets each
 * answer with the context `next` was given for its request, so a client can act on what it was told.
 */
export async function runLoad(opts: {
  url: string;
  connections: number;
  seconds: number;
  next: (context: Record<string, unknown>) => LoadRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}): Promise<LoadFigures> {
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.seconds,
    pipelining: 1,
    timeout: 30,
    requests: [
      {
        setupRequest: (req, context) => {
          const r = opts.next(context);
          return { ...req, method: r.method, path: r.path, headers: r.headers, body: r.body };
        },
        ...(opts.onResponse ? { onResponse: opts.onResponse } : {}),
      },
    ],
  });
  const ok = result['2xx'];
  const seconds = result.duration;
  const statusCodes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = count;
  return {
    requests: result.requests.total,
    ok,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    seconds,
    rps: ok / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statusCodes,
  };
}
