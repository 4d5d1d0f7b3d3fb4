import { BENCH_YEAR } from './data.ts';
import type { BenchStack } from './benchStack.ts';

/**
 * Opens the bench year's period through the API, as an admin would, with a deadline a month ahead: the year's
 * default period has closed by now, and a closed period refuses every agency's write.
 */
export async function openBenchPeriod(stack: BenchStack, apiUrl: string): Promise<void> {
  const adminToken = await stack.issuer.sign({ sub: 'bench-admin', role: 'admin' });
  const opened = await fetch(`${apiUrl}/periods/${BENCH_YEAR}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      opensAt: `${BENCH_YEAR}-01-01T00:00:00+07:00`,
      deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    }),
  });
  if (opened.status !== 200) throw new Error(`PUT /periods failed: ${opened.status} ${await opened.text()}`);
}
