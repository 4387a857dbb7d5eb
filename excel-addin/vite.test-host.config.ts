// Builds the browser test page's Office stand-in (src/testing/test-host.ts) into
// tests/dist/addin-host/test-host.js; tests/support/addin-host.ts serves it in place of office.js.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@toms/domain": here("../shared/domain/src/index.ts"),
      "office-addin-manifest": here("src/testing/office-app.ts"),
    },
  },
  logLevel: "warn",
  build: {
    outDir: here("../tests/dist/addin-host"),
    emptyOutDir: true,
    target: "es2022",
    lib: { entry: here("src/testing/test-host.ts"), formats: ["iife"], name: "tomsTestHost", fileName: () => "test-host.js" },
  },
});
