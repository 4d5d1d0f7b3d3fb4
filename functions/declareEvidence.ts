import { randomBytes } from 'node:crypto';
import { ownUnit, reportingYear } from '#shared/api/params';
import { invalidInput, parseWith } from '#shared/api/zodIssues';
import { intEnv } from '#shared/config';
import { declarationSchema, EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES } from '#shared/contract/evidence';
import { unknownField } from '#shared/contract/errors';
import {
  evidenceObjectKey,
  fileNameIssue,
  partsIssue,
  PENDING_SECONDS,
  purposeIssue,
  type EvidenceItem,
} from '#shared/domain/evidence';
import { apiHandler } from '#shared/http/apiHandler';
import { bi } from '#shared/contract/i18n';
import { declareInSlot } from '#shared/store/evidenceFlow';
import { presignUpload, startMultipart } from '#shared/store/evidenceObjects';

const MAX_BYTES = intEnv('EVIDENCE_MAX_BYTES', EVIDENCE_MAX_BYTES);
const MAX_FILES = intEnv('EVIDENCE_MAX_FILES', EVIDENCE_MAX_FILES);
const PENDING = intEnv('EVIDENCE_PENDING_SECONDS', PENDING_SECONDS);
const schema = declarationSchema(MAX_BYTES);

export const handler = apiHandler('declareEvidence', async (req) => {
  const { year, catalog } = reportingYear(req);
  const declared = parseWith(schema, req.body);
  const known = new Set(catalog.fields.map((f) => f.code));
  const unknown = declared.fields.flatMap((f, i) => (known.has(f) ? [] : [unknownField(`fields.${i}`, f)]));
  const misnamed = fileNameIssue(declared);
  const parts = partsIssue(declared);
  const purpose = purposeIssue(declared);
  if (unknown.length || misnamed || parts || purpose) {
    throw invalidInput([
      ...(misnamed ? [misnamed] : []),
      ...(parts ? [parts] : []),
      ...(purpose ? [purpose] : []),
      ...unknown,
    ]);
  }
  const unitId = ownUnit(req);
  const evidenceId = randomBytes(16).toString('base64url');
  const declaredItem: EvidenceItem = {
    ...declared,
    evidenceId,
    year,
    unitId,
    status: 'pending',
    objectKey: evidenceObjectKey(year, unitId, evidenceId),
    uploadedBy: req.identity.sub,
    createdAt: req.receivedAt.toISOString(),
  };
  // A large file's multipart upload is started now, so its id is part of the declaration as stored.
  const item = declared.parts
    ? { ...declaredItem, uploadId: await startMultipart(declaredItem) }
    : declaredItem;
  const upload = await presignUpload(item, req.receivedAt);
  return declareInSlot(
    item,
    MAX_FILES,
    req.claim,
    (evidence) => ({ status: 201, body: { evidence, upload } }),
    {
      now: req.receivedAt,
      pendingSeconds: PENDING,
      fieldLabel: (code) => catalog.fields.find((f) => f.code === code)?.label ?? bi(code, code),
    },
  );
});
