// Builds the Teams tab into dist/ (served by the service at /tab/). Each view is its own chunk,
// loaded when it is opened, so the first page carries no chart code it does not show.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  base: "./",
  plugins: [react()],
  resolve: {
    // Sources, so the tab always has the rules and the client the service has (types only from @toms/app).
    alias: {
      "@toms/domain": source("../shared/domain/src/index.ts"),
      "@toms/client": source("../shared/client/src/index.ts"),
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    manifest: true,
    target: "es2022",
    rollupOptions: { input: { tab: source("index.html") } },
  },
});
