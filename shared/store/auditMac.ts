import { createHmac, timingSafeEqual } from 'node:crypto';
import { GenerateMacCommand, KMSClient, VerifyMacCommand } from '@aws-sdk/client-kms';
import { AUDIT_KMS_KEY_ENV, AUDIT_LOCAL_KEY_ENV } from '../auditKeys.ts';

/*
 * The anchors' MAC. In AWS an HMAC_256 KMS key that only the anchoring job may GenerateMac with (the key never
 * leaves KMS); verifiers may only VerifyMac. Locally a key from the environment stands in for it, as the
 * emulators stand in for DynamoDB and S3.
 */
const ALGORITHM = 'HMAC_SHA_256';

const kmsKey = process.env[AUDIT_KMS_KEY_ENV] || undefined;
const localKey = process.env[AUDIT_LOCAL_KEY_ENV] || undefined;
if (!kmsKey && !localKey) {
  throw new Error(`Missing environment variable ${AUDIT_KMS_KEY_ENV}: the function cannot start without it.`);
}
const kms = kmsKey ? new KMSClient({}) : undefined;

const localMac = (digest: string) =>
  createHmac('sha256', localKey as string)
    .update(digest)
    .digest();

/** The MAC of a digest (hex); only the anchoring job's role may call this in AWS. */
export async function macOf(digest: string): Promise<string> {
  if (!kms) return localMac(digest).toString('hex');
  const res = await kms.send(
    new GenerateMacCommand({ KeyId: kmsKey, MacAlgorithm: ALGORITHM, Message: Buffer.from(digest) }),
  );
  return Buffer.from(res.Mac as Uint8Array).toString('hex');
}

export async function macMatches(digest: string, mac: string): Promise<boolean> {
  if (!/^[0-9a-f]{64}$/.test(mac)) return false;
  if (!kms) return timingSafeEqual(localMac(digest), Buffer.from(mac, 'hex'));
  try {
    const res = await kms.send(
      new VerifyMacCommand({
        KeyId: kmsKey,
        MacAlgorithm: ALGORITHM,
        Message: Buffer.from(digest),
        Mac: Buffer.from(mac, 'hex'),
      }),
    );
    return res.MacValid === true;
  } catch (error) {
    if ((error as { name?: string }).name === 'KMSInvalidMacException') return false;
    throw error;
  }
}
