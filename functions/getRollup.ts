import { reportingYear } from '#shared/api/params';
import { NotFoundError } from '#shared/errors';
import { apiHandler } from '#shared/http/apiHandler';
import { bi } from '#shared/contract/i18n';
import { getRollupSummary, rollupLinks } from '#shared/store/rollupOutputs';

export const handler = apiHandler('getRollup', async (req) => {
  const { year } = reportingYear(req);
  const summary = await getRollupSummary(year);
  if (!summary) {
    throw new NotFoundError(
      bi(`Chưa có báo cáo tổng hợp năm ${year}.`, `There is no rollup for ${year} yet.`),
      {
        code: 'NO_ROLLUP',
      },
    );
  }
  return {
    body: { ...summary, ...(summary.status === 'succeeded' ? { links: await rollupLinks(year) } : {}) },
  };
});
