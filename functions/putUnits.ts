import { unitsBody } from '#shared/api/contracts';
import { invalidInput, parseWith } from '#shared/api/zodIssues';
import { hierarchyProblems } from '#shared/domain/units';
import { apiHandler } from '#shared/http/apiHandler';
import { listUnits, saveUnits } from '#shared/store/units';

export const handler = apiHandler('putUnits', async (req) => {
  const { units } = parseWith(unitsBody, req.body);
  const problems = hierarchyProblems(await listUnits(), units);
  if (problems.length) throw invalidInput(problems);
  await saveUnits(units);
  return { body: { saved: units.length, units: await listUnits() } };
});
