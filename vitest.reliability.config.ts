import { defineConfig } from 'vitest/config';

/**
 * `npm run test:reliability`: the slower reliability tests (fault injection, fuzzing every route). They use the
 * integration run's DynamoDB Local and S3 emulator (the fault-injection test starts its own on-disk DynamoDB
 * Local so it can kill it). One file at a time: the machine has 2 cores.
 */
export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT' },
    include: ['test/reliability/**/*.test.ts'],
    globalSetup: ['test/integration/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
