/**
 * Where the anchors' MAC key comes from: in AWS an HMAC_256 KMS key (its ARN), locally a secret that stands in
 * for it (local/stack.ts keeps one beside the data). The names only, so that infra can set them.
 */
export const AUDIT_KMS_KEY_ENV = 'AUDIT_KMS_KEY_ID';
export const AUDIT_LOCAL_KEY_ENV = 'AUDIT_LOCAL_MAC_KEY';
