import { storedObjectProblem, type EvidenceItem } from '../domain/evidence.ts';
import { ConflictError } from '../errors.ts';
import { bi } from '../contract/i18n.ts';
import { getEvidence, rejectedItems, verifiedItems } from './evidence.ts';
import { deleteStored, inspectStored } from './evidenceObjects.ts';
import { transact, WriteConflict } from './transact.ts';

/**
 * Checks a pending upload against its declaration: the stored size, the SHA-256 of the stored bytes and the
 * magic bytes of the declared type. A mismatch deletes the object and rejects the evidence, with the reason.
 * The complete route and the S3 trigger both run this; whichever settles it first wins.
 */
export async function settleUpload(item: EvidenceItem, now: Date): Promise<EvidenceItem> {
  if (item.status !== 'pending') return item;
  const stored = await inspectStored(item.objectKey);
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
      await deleteStored(item.objectKey, stored.versionId);
      await transact(rejectedItems(item, problem, now));
      return { ...item, status: 'rejected', rejectedReason: problem };
    }
    await transact(verifiedItems(item, now));
    return { ...item, status: 'verified', verifiedAt: now.toISOString() };
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
    return (await getEvidence(item.evidenceId)) ?? item;
  }
}
