import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["shared/*/src/**/*.test.ts", "api/src/**/*.test.ts", "cli/src/**/*.test.ts", "bot/src/**/*.test.ts", "excel-addin/src/**/*.test.{ts,tsx}", "teams-app/src/**/*.test.{ts,tsx}", "tests/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    globalSetup: ["tests/setup/azurite.ts", "tests/setup/browser.ts"],
    // Two workers on CI's 2 cores: the files are independent (own tables, own data folders, free ports).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
