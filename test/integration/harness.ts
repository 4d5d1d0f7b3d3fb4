import { randomUUID } from 'node:crypto';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { inject } from 'vitest';
import { buckets } from '#shared/buckets';
import type { Level, Unit } from '#shared/hierarchy';
import { SDK_CALL_LOG_ENV } from '#shared/store/callLog';
import { startApi, type LocalApi } from '../../local/api.ts';
import { applyLocalEnv } from '../../local/env.ts';
import { createLocalIssuer, type LocalIdentityInput, type LocalIssuer } from '../../local/identity.ts';
import { ensureTable } from '../../local/provision.ts';
import { checkResponse } from './responseCheck.ts';

export interface TestApi {
  readonly url: string;
  readonly tableName: string;
  readonly issuer: LocalIssuer;
  /** fetch against the API, signed in as `who` when given. */
  call(
    who: LocalIdentityInput | undefined,
    method: string,
    path: string,
    init?: { body?: unknown; headers?: Record<string, string>; rawBody?: string },
  ): Promise<{ status: number; headers: Headers; json: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  stop(): Promise<void>;
}

/**
 * The real handler modules behind the local adapter, on the run's DynamoDB Local and S3 emulator, with a table
 * of this test file's own so files never see each other's data. Every answer `call` receives is checked against
 * the OpenAPI document (responseCheck.ts).
 */
export async function startTestApi(
  opts: { units?: readonly Unit[]; levels?: readonly Level[] } = {},
): Promise<TestApi> {
  const tableName = `it-${randomUUID()}`;
  const dynamoEndpoint = inject('dynamoEndpoint');
  applyLocalEnv({
    tableName,
    dynamoEndpoint,
    s3Endpoint: inject('s3Endpoint'),
    bucketPrefix: inject('bucketPrefix'),
    sesEndpoint: inject('sesEndpoint'),
  });
  process.env[SDK_CALL_LOG_ENV] = inject('sdkCallLog');
  // Anchors name chains by year and unit, not by table: a file's own bucket keeps another file's rollups from
  // anchoring heads this file's table never had (they would read as truncations here).
  const anchors = `${inject('bucketPrefix')}-anchors-${tableName.slice(3, 11)}`;
  process.env[buckets.anchors.env] = anchors;
  const { s3 } = await import('#shared/store/s3');
  await s3.send(new CreateBucketCommand({ Bucket: anchors }));
  await ensureTable(dynamoEndpoint, tableName);
  if (opts.units?.length) {
    const { loadHierarchy } = await import('#shared/store/units');
    const { timelessLevels } = await import('./fixtures.ts');
    await loadHierarchy(opts.levels ?? timelessLevels, opts.units);
  }
  const issuer = await createLocalIssuer({ issuer: 'http://127.0.0.1/dev' });
  const api: LocalApi = await startApi({ port: 0, issuer, s3Endpoint: inject('s3Endpoint') });
  const tokens = new Map<string, string>();
  return {
    url: api.url,
    tableName,
    issuer,
    async call(who, method, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (who) {
        const cacheKey = JSON.stringify(who);
        let token = tokens.get(cacheKey);
        if (!token) tokens.set(cacheKey, (token = await issuer.sign(who)));
        headers.authorization ??= `Bearer ${token}`;
      }
      let body: string | undefined = init.rawBody;
      if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(`${api.url}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
      });
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = text;
      }
      checkResponse(method, path, res.status, json);
      return { status: res.status, headers: res.headers, json };
    },
    stop: () => api.stop(),
  };
}
