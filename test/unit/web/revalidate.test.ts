import { describe, expect, it } from 'vitest';
import { revalidateKeptCopy } from '../../../web/src/offline/revalidate.ts';

/*
 * The service worker's revalidation of what it kept, on the Fetch API's own Request, Response and Headers:
 * the kept copy's ETag goes out as If-None-Match, and a 304 comes back to the page as the kept copy.
 */
const REPORT_URL = 'https://baocao.example/reports/2026';
const kept = () =>
  new Response('{"version":3}', {
    status: 200,
    headers: { etag: 'W/"v3-abc"', 'content-type': 'application/json' },
  });

type Plugin = ReturnType<typeof revalidateKeptCopy>;
const willFetch = (p: Plugin, request: Request) =>
  p.requestWillFetch!({ request, event: undefined as never, state: {} }) as Promise<Request>;
const didSucceed = (p: Plugin, request: Request, response: Response) =>
  p.fetchDidSucceed!({ request, response, event: undefined as never, state: {} }) as Promise<Response>;

describe('revalidating a kept copy', () => {
  it('asks with the kept copy’s ETag, and answers a 304 with the kept copy', async () => {
    const plugin = revalidateKeptCopy(async () => kept());
    const sent = await willFetch(plugin, new Request(REPORT_URL, { headers: { authorization: 'Bearer t' } }));
    expect(sent.headers.get('if-none-match')).toBe('W/"v3-abc"');
    expect(sent.headers.get('authorization')).toBe('Bearer t');
    const answer = await didSucceed(plugin, sent, new Response(null, { status: 304 }));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ version: 3 });
  });

  it('asks unconditionally when nothing is kept, and passes a changed answer through', async () => {
    const plugin = revalidateKeptCopy(async () => undefined);
    const request = new Request(REPORT_URL);
    expect((await willFetch(plugin, request)).headers.has('if-none-match')).toBe(false);
    const fresh = new Response('{"version":4}', { status: 200 });
    expect(
      await didSucceed(
        revalidateKeptCopy(async () => kept()),
        request,
        fresh,
      ),
    ).toBe(fresh);
  });

  it('asks again without the condition when the copy went while the request was out (a sign-out)', async () => {
    let copy: Response | undefined = kept();
    const refetched: Request[] = [];
    const plugin = revalidateKeptCopy(
      async () => copy,
      async (request) => {
        refetched.push(request);
        return new Response('{"version":5}', { status: 200 });
      },
    );
    const sent = await willFetch(plugin, new Request(REPORT_URL));
    copy = undefined;
    const answer = await didSucceed(plugin, sent, new Response(null, { status: 304 }));
    expect(await answer.json()).toEqual({ version: 5 });
    expect(refetched[0]?.headers.has('if-none-match')).toBe(false);
  });
});
