import { reportingYear } from '#shared/api/params';
import { NotFoundError } from '#shared/errors';
import { apiHandler } from '#shared/http/apiHandler';
import { bi } from '#shared/contract/i18n';
import { getRollupSummary, publishedRollup, rollupLinks } from '#shared/store/rollupOutputs';
import { CODE } from '#shared/contract/errors';
import { runAsSeen } from '#shared/domain/rollupRun';

/** The year's newest run; links only when that run is the published one, so the summary describes the files. */
export const handler = apiHandler('getRollup', async (req) => {
  const { year } = reportingYear(req);
  const [stored, published] = await Promise.all([getRollupSummary(year), publishedRollup(year)]);
  if (!stored) {
    throw new NotFoundError(
      bi(`Chưa có báo cáo tổng hợp năm ${year}.`, `There is no rollup for ${year} yet.`),
      {
        code: CODE.NO_ROLLUP,
      },
    );
  }
  const summary = runAsSeen(stored, req.receivedAt);
  const linked = summary.status === 'succeeded' && published?.runId === summary.runId;
  return { body: { ...summary, ...(linked ? { links: await rollupLinks(year, summary.runId) } : {}) } };
});
