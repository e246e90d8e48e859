import { defineConfig } from "vitest/config";

// The global setup runs the local cloud in this process; its request logs would drown the report.
process.env.POWERTOOLS_LOG_LEVEL ??= "ERROR";

/**
 * One run for every kind of test. The global setup starts one local cloud (DynamoDB Local,
 * s3rver, cognito-local, the gateway, the API and the web apps) that integration and
 * end-to-end tests share; each test file makes its own tenant, so files never see each other.
 */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    env: { POWERTOOLS_LOG_LEVEL: "ERROR", AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: "1" },
  },
});
