import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["shared/*/src/**/*.test.ts", "api/src/**/*.test.ts", "cli/src/**/*.test.ts", "excel-addin/src/**/*.test.{ts,tsx}", "tests/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    globalSetup: ["tests/setup/azurite.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
