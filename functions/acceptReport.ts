import { acceptBody } from '#shared/contract/reportBodies';
import { commandFor } from '#shared/api/reportView';
import { reviewTarget } from '#shared/api/reviewTarget';
import { parseWith } from '#shared/api/zodIssues';
import { acceptReport } from '#shared/domain/report';
import { apiHandler } from '#shared/http/apiHandler';
import { changeReport } from '#shared/store/reportCommands';

export const handler = apiHandler('acceptReport', async (req) => {
  const target = await reviewTarget(req);
  const { comment, visibility } = req.body === undefined ? {} : parseWith(acceptBody, req.body);
  return changeReport(commandFor(req, target, { audit: 'review.accept' }), (state) =>
    acceptReport(state, comment, req.identity, req.receivedAt, visibility),
  );
});
