import { fromEnv } from '@aws-sdk/credential-provider-env';

/*
 * For the size what-if only (bench/coldStart.ts): a stand-in for @aws-sdk/credential-provider-node that reads
 * the credentials Lambda puts in the environment and nothing else (no SSO, STS, INI files or login flows).
 */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}) => fromEnv(init);
export const credentialsWillNeedRefresh = () => false;
export const credentialsTreatedAsExpired = () => false;
