import { commandFor } from '#shared/api/reportView';
import { parseObjectionAnswer } from '#shared/api/reviewContracts';
import { reviewTarget } from '#shared/api/reviewTarget';
import { answerObjection } from '#shared/domain/review';
import { apiHandler } from '#shared/http/apiHandler';
import { changeReport } from '#shared/store/reportCommands';

export const handler = apiHandler('answerObjection', async (req) => {
  const target = await reviewTarget(req);
  const { field } = req.path;
  const answer = parseObjectionAnswer(target.catalog, field, req.body);
  return changeReport(commandFor(req, target, { audit: 'review.answer_objection' }), (state) =>
    answerObjection(state, field, answer, req.identity, req.receivedAt),
  );
});
