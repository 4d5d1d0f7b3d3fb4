import {
  duplicatedFields,
  duplicateEvidence,
  evidenceLocked,
  evidenceNotLive,
  freeSlots,
  storedObjectProblem,
  tooManyFiles,
  type EvidenceItem,
} from '../domain/evidence.ts';
import { ConflictError } from '../errors.ts';
import { bi, type Bilingual } from '../contract/i18n.ts';
import {
  declareItems,
  getEvidence,
  heldSlots,
  holdsSlot,
  rejectedItems,
  verifiedItems,
  withdrawnItems,
} from './evidence.ts';
import { hideStored, inspectStored } from './evidenceObjects.ts';
import { commitClaimed, type IdempotencyClaim, type Outcome } from './idempotency.ts';
import { transact, WriteConflict } from './transact.ts';
import { CODE } from '../contract/errors.ts';

const SLOT_ATTEMPTS = 8;

/**
 * Declares a file in one of the report's free slots. A slot is free when no file holds it or its pending holder
 * lapsed, so an abandoned declaration gives its slot back by itself. Two declarations racing for one slot: the
 * loser picks again among what is still free. A file the report already holds for one of the declared fields
 * is refused. (Two declarations of one file racing into different slots can both land; the receipt would
 * then list it twice, as before this check.) A retry of a declaration that landed is answered from its
 * Idempotency-Key before it gets here, and one that races it is answered so on its refusal
 * (http/idempotency.ts).
 */
export async function declareInSlot(
  item: EvidenceItem,
  maxFiles: number,
  claim: IdempotencyClaim | undefined,
  result: (declared: EvidenceItem) => Outcome,
  at: {
    readonly now: Date;
    readonly pendingSeconds: number;
    readonly fieldLabel: (code: string) => Bilingual;
  },
): Promise<Outcome> {
  const { now, pendingSeconds } = at;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const pendingUntil = new Date((nowSeconds + pendingSeconds) * 1000).toISOString();
  for (let attempt = 1; ; attempt++) {
    const held = await heldSlots(item.year, item.unitId);
    const duplicates = duplicatedFields(held, item, nowSeconds);
    if (duplicates.length) throw duplicateEvidence(duplicates, at.fieldLabel);
    const free = freeSlots(held, maxFiles, nowSeconds);
    if (!free.length) throw tooManyFiles(maxFiles);
    const declared = { ...item, slot: free[Math.floor(Math.random() * free.length)] as number };
    const raced = new Error('slot taken');
    try {
      return await commitClaimed(
        declareItems(declared, now, pendingSeconds),
        claim,
        result({ ...declared, pendingUntil }),
        now,
        { SLOT_TAKEN: raced, REPORT_LOCKED: evidenceLocked('add') },
      );
    } catch (error) {
      if (error !== raced) throw error;
      if (attempt >= SLOT_ATTEMPTS) throw tooManyFiles(maxFiles);
    }
  }
}

const REPORT_NOT_EDITABLE = bi(
  'Báo cáo đã được nộp hoặc đã được duyệt trước khi tệp được kiểm tra xong, nên tệp không được tính; chỗ của tệp đã được trả lại.',
  'The report was submitted or accepted before the file was checked, so the file does not count; its slot is free again.',
);
const DECLARATION_LAPSED = bi(
  'Khai báo tệp đã hết hạn trước khi tệp được kiểm tra, nên tệp không được tính. Hãy khai báo và tải lại.',
  'The declaration lapsed before the file was checked, so the file does not count. Declare and upload it again.',
);

async function reject(item: EvidenceItem, reason: Bilingual, now: Date): Promise<EvidenceItem> {
  await hideStored(item.objectKey);
  for (let attempt = 1; ; attempt++) {
    try {
      await transact(rejectedItems(item, reason, now, await holdsSlot(item)));
      return { ...item, status: 'rejected', rejectedReason: reason };
    } catch (error) {
      // The slot changed hands between the read and the write: read it again.
      if (!(error instanceof WriteConflict) || error.reason !== 'SLOT_LOST' || attempt >= 3) throw error;
    }
  }
}

/**
 * Checks a pending upload against its declaration: the stored size, the SHA-256 of the stored bytes, and the
 * declared type's structure (header and trailer; for ZIP-based types the central directory and its required
 * parts). A mismatch hides the object and rejects the evidence, with the reason. So does a file checked after
 * its report left the editable state (its slot is given back), or after its declaration lapsed and its slot was
 * taken. The complete route and the S3 trigger both run this; whichever settles it first wins.
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
      { code: CODE.UPLOAD_MISSING },
    );
  }
  try {
    const problem = storedObjectProblem(item, stored);
    if (problem) return await reject(item, problem, now);
    try {
      await transact(verifiedItems(item, now, stored));
    } catch (error) {
      if (error instanceof WriteConflict && error.reason === 'SLOT_LOST')
        return await reject(item, DECLARATION_LAPSED, now);
      if (error instanceof WriteConflict && error.reason === 'REPORT_LOCKED')
        return await reject(item, REPORT_NOT_EDITABLE, now);
      throw error;
    }
    const { pendingUntil: _lapsed, ...settled } = item;
    return {
      ...settled,
      status: 'verified',
      verifiedAt: now.toISOString(),
      ...(stored.versionId ? { versionId: stored.versionId } : {}),
      ...(stored.signed === undefined ? {} : { signed: stored.signed }),
    };
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
    return (await getEvidence(item.evidenceId)) ?? item;
  }
}

/**
 * Withdraws a file, or cancels a declaration still waiting for its upload: it leaves the report and frees its
 * slot, and its stored bytes stay where they are.
 */
export async function withdraw(
  item: EvidenceItem,
  claim: IdempotencyClaim | undefined,
  now: Date,
): Promise<Outcome> {
  const { pendingUntil: _lapsed, ...rest } = item;
  const withdrawn = { ...rest, status: 'withdrawn' as const, withdrawnAt: now.toISOString() };
  for (let attempt = 1; ; attempt++) {
    const raced = new Error('slot changed hands');
    try {
      return await commitClaimed(
        withdrawnItems(item, now, await holdsSlot(item)),
        claim,
        { body: { evidence: withdrawn } },
        now,
        { EVIDENCE_NOT_LIVE: evidenceNotLive(), REPORT_LOCKED: evidenceLocked('withdraw'), SLOT_LOST: raced },
      );
    } catch (error) {
      if (error !== raced || attempt >= 3) throw error;
    }
  }
}
