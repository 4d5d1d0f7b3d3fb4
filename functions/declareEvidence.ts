import { randomBytes } from 'node:crypto';
import { ownUnit, reportingYear } from '#shared/api/params';
import { invalidInput, parseWith } from '#shared/api/zodIssues';
import { intEnv } from '#shared/config';
import { declarationSchema } from '#shared/contract/evidence';
import { evidenceLocked, evidenceObjectKey, tooManyFiles, type EvidenceItem } from '#shared/domain/evidence';
import { apiHandler } from '#shared/http/apiHandler';
import { bi } from '#shared/contract/i18n';
import { declareItems } from '#shared/store/evidence';
import { presignUpload } from '#shared/store/evidenceObjects';
import { commitClaimed, type Refusals } from '#shared/store/idempotency';

const MAX_BYTES = intEnv('EVIDENCE_MAX_BYTES', 50 * 1024 * 1024);
const MAX_FILES = intEnv('EVIDENCE_MAX_FILES', 30);
const schema = declarationSchema(MAX_BYTES);

const refusals: Refusals = { TOO_MANY_FILES: tooManyFiles(MAX_FILES), REPORT_LOCKED: evidenceLocked('add') };

export const handler = apiHandler('declareEvidence', async (req) => {
  const { year, catalog } = reportingYear(req);
  const declared = parseWith(schema, req.body);
  const known = new Set(catalog.fields.map((f) => f.code));
  const unknown = declared.fields.flatMap((f, i) =>
    known.has(f)
      ? []
      : [
          {
            path: `fields.${i}`,
            code: 'unknown_field',
            message: bi(`Trường "${f}" không tồn tại`, `Unknown field "${f}"`),
          },
        ],
  );
  if (unknown.length) throw invalidInput(unknown);
  const unitId = ownUnit(req);
  const evidenceId = randomBytes(16).toString('base64url');
  const item: EvidenceItem = {
    ...declared,
    evidenceId,
    year,
    unitId,
    status: 'pending',
    objectKey: evidenceObjectKey(year, unitId, evidenceId),
    uploadedBy: req.identity.sub,
    createdAt: req.receivedAt.toISOString(),
  };
  const upload = await presignUpload(item, req.receivedAt);
  return commitClaimed(
    declareItems(item, MAX_FILES, req.receivedAt),
    req.claim,
    { status: 201, body: { evidence: item, upload } },
    req.receivedAt,
    refusals,
  );
});
