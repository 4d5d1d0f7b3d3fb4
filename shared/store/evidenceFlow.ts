import { storedObjectProblem, type EvidenceItem } from '../domain/evidence.ts';
import { ConflictError } from '../errors.ts';
import { bi } from '../contract/i18n.ts';
import { getEvidence, rejectedItems, verifiedItems } from './evidence.ts';
import { hideStored, inspectStored } from './evidenceObjects.ts';
import { transact, WriteConflict } from './transact.ts';

/**
 * Checks a pending upload against its declaration: the stored size, the SHA-256 of the stored bytes, and the
 * declared type's structure (header and trailer; for ZIP-based types the central directory and its required
 * parts). A mismatch hides the object and rejects the evidence, with the reason.
 * The complete route and the S3 trigger both run this; whichever settles it first wins.
 */
export async function settleUpload(item: EvidenceItem, now: Date): Promise<EvidenceItem> {
  if (item.status !== 'pending') return item;
  const stored = await inspectStored(item.objectKey, item);
  if (!stored) {
    throw new ConflictError(
      bi(
        'Chưa nhận được tệp tải lên; hãy tải tệp rồi thử lại.',
        'The upload has not arrived yet; upload the file and retry.',
      ),
      { code: 'UPLOAD_MISSING' },
    );
  }
  const problem = storedObjectProblem(item, stored);
  try {
    if (problem) {
      await hideStored(item.objectKey);
      await transact(rejectedItems(item, problem, now));
      return { ...item, status: 'rejected', rejectedReason: problem };
    }
    await transact(verifiedItems(item, now, stored.versionId));
    return {
      ...item,
      status: 'verified',
      verifiedAt: now.toISOString(),
      ...(stored.versionId ? { versionId: stored.versionId } : {}),
    };
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
    return (await getEvidence(item.evidenceId)) ?? item;
  }
}
