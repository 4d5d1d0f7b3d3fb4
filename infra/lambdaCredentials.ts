import { fromEnv } from '@aws-sdk/credential-provider-env';

/*
 * Bundled in place of @aws-sdk/credential-provider-node (see BUNDLE_ALIASES in constructs/handlerFunction.ts).
 * Lambda hands a function its role's credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN, the first place the default chain looks; the rest of that chain (SSO, STS web identity,
 * INI files, processes, login flows and the clients they need) is about 136 KiB per function that Lambda never runs.
 * Local runs import the sources, not the bundles, and keep the whole chain.
 */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}) => fromEnv(init);
