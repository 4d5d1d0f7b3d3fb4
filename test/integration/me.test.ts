import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.ts';
import { auditor, units } from './fixtures.ts';

describe('GET /me names the caller’s unit, so the form can show the targets of its level', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ units });
  });
  afterAll(() => api.stop());

  it('an agency gets its unit with its level', async () => {
    const res = await api.call({ sub: 'agency-d', role: 'agency', unitId: 'xa-d' }, 'GET', '/me');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      sub: 'agency-d',
      role: 'agency',
      unitId: 'xa-d',
      unit: {
        id: 'xa-d',
        code: 'D',
        name: { vi: 'Xã D', en: 'Commune D' },
        level: 'commune',
        levelName: { vi: 'Cấp xã', en: 'Commune' },
        parentId: 'huyen-c',
        validFrom: '2000-01-01',
      },
    });
  });

  it('an auditor has no unit', async () => {
    const res = await api.call(auditor, 'GET', '/me');
    expect(res.json).toEqual({ sub: 'auditor-1', role: 'auditor' });
  });
});
