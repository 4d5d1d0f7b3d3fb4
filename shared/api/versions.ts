import { NotFoundError } from '../errors.ts';
import type { ApiResult } from '../http/types.ts';
import { bi } from '../contract/i18n.ts';
import { getRevision, listRevisions } from '../store/reports.ts';

export async function revisionsResult(year: number, unitId: string): Promise<ApiResult> {
  return { body: { year, unitId, versions: await listRevisions(year, unitId) } };
}

/** One revision: the full snapshot, and its diff against the revision before it. */
export async function revisionResult(year: number, unitId: string, version: number): Promise<ApiResult> {
  const revision = await getRevision(year, unitId, version);
  if (!revision) {
    throw new NotFoundError(bi(`Không có phiên bản ${version}.`, `There is no version ${version}.`), {
      code: 'VERSION_NOT_FOUND',
    });
  }
  return { body: { ...revision, previousVersion: version > 1 ? version - 1 : null } };
}
