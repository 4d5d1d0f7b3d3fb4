import { NotFoundError } from '../errors.ts';
import type { ApiResult } from '../http/types.ts';
import { bi } from '../contract/i18n.ts';
import { CODE } from '../contract/errors.ts';
import { revisionSeenByUnit, unitSeesUntil } from '../domain/report.ts';
import { getReport, getRevision, listRevisions } from '../store/reports.ts';
import type { Viewer } from './reportView.ts';

export async function revisionsResult(year: number, unitId: string): Promise<ApiResult> {
  return { body: { year, unitId, versions: await listRevisions(year, unitId) } };
}

/** The same filter as the report itself: judged on the report as it is now (under review, or released). */
async function releasedToUnit(year: number, unitId: string): Promise<string | undefined> {
  const state = await getReport(year, unitId);
  return state ? unitSeesUntil(state) : undefined;
}

/** One revision: the full snapshot, and its diff against the revision before it. */
export async function revisionResult(
  year: number,
  unitId: string,
  version: number,
  viewer: Viewer,
): Promise<ApiResult> {
  const [found, released] = await Promise.all([
    getRevision(year, unitId, version),
    viewer === 'unit' ? releasedToUnit(year, unitId) : Promise.resolve(undefined),
  ]);
  const revision = found && viewer === 'unit' ? revisionSeenByUnit(found, released) : found;
  if (!revision) {
    throw new NotFoundError(bi(`Không có phiên bản ${version}.`, `There is no version ${version}.`), {
      code: CODE.VERSION_NOT_FOUND,
    });
  }
  return { body: { ...revision, previousVersion: version > 1 ? version - 1 : null } };
}
