// Builds the sync-count bench (src/bench/excel-syncs.ts) for Node into tests/dist/bench/excel-addin/, for
// `npm run bench -- excel-syncs` (tests/bench/excel-syncs.ts runs it).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  resolve: { alias: { "@toms/domain": fileURLToPath(new URL("../shared/domain/src/index.ts", import.meta.url)) } },
  logLevel: "warn",
  build: {
    ssr: fileURLToPath(new URL("src/bench/excel-syncs.ts", import.meta.url)),
    outDir: "../tests/dist/bench/excel-addin",
    emptyOutDir: true,
    target: "node20",
    rollupOptions: { output: { entryFileNames: "excel-syncs.js" } },
  },
});
