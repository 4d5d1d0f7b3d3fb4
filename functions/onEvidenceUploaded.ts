import type { S3Event } from 'aws-lambda';
import { parseEvidenceKey } from '#shared/domain/evidence';
import { logger } from '#shared/http/logger';
import { getEvidence } from '#shared/store/evidence';
import { settleUpload } from '#shared/store/evidenceFlow';

/**
 * S3 ObjectCreated on the evidence prefix: the same check as POST /evidence/{id}/complete, so an upload counts
 * (or is rejected) even when the browser never calls complete.
 */
export const handler = async (event: S3Event): Promise<void> => {
  for (const record of event.Records) {
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const parsed = parseEvidenceKey(key);
    const item = parsed && (await getEvidence(parsed.evidenceId));
    if (!item || item.objectKey !== key) {
      logger.warn('object with no matching evidence declaration', { key });
      continue;
    }
    const settled = await settleUpload(item, new Date(record.eventTime));
    logger.info('evidence settled', { evidenceId: item.evidenceId, status: settled.status });
  }
};
