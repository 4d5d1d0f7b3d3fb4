import { reorganizationBody } from '#shared/contract/bodies';
import { parseWith } from '#shared/api/zodIssues';
import { checkedReorganization } from '#shared/api/reorganization';
import { apiHandler } from '#shared/http/apiHandler';
import { readHierarchy } from '#shared/store/units';

/**
 * What a reorganization would write, checked exactly as saving it would be, against the hierarchy as it
 * stands: the admin sees each unit it ends and creates before anything is saved. Nothing is written; saving
 * plans it again, so a change that lands in between is never skipped.
 */
export const handler = apiHandler('previewReorganization', async (req) => {
  const reorganization = parseWith(reorganizationBody, req.body);
  const snapshot = await readHierarchy();
  const units = checkedReorganization(snapshot, reorganization);
  // The version saving it would make, were nothing else saved first.
  return { body: { version: snapshot.version + 1, units } };
});
