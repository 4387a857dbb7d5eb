// Builds the task pane into dist/ (served by the service at /addin/). Office.js comes from the
// @microsoft/office-js package and is copied beside it, so nothing loads from a CDN.
import { cpSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const officeJsDist = fileURLToPath(new URL("../node_modules/@microsoft/office-js/dist/", import.meta.url));
/** Office.js files for other hosts and debug builds are not needed in Excel. */
const OTHER_HOSTS = /^(access|onenote|outlook|powerpoint|project|visio|word)|\.debug\.js$|\.d\.ts$|vsdoc/;

function officeJs(): Plugin {
  return {
    name: "office-js",
    apply: "build",
    // A classic script before the pane's module: Office.js must load first and is not bundled.
    transformIndexHtml: () => [{ tag: "script", attrs: { src: "./office/office.js" }, injectTo: "head-prepend" }],
    writeBundle(options) {
      const out = options.dir ?? "dist";
      cpSync(officeJsDist, `${out}/office`, { recursive: true, filter: (src) => !OTHER_HOSTS.test(basename(src)) });
    },
  };
}

export default defineConfig({
  base: "./",
  plugins: [react(), officeJs()],
  resolve: {
    // The domain's sources, so the pane always has the rules the CLI and the service have.
    alias: { "@toms/domain": fileURLToPath(new URL("../shared/domain/src/index.ts", import.meta.url)) },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    manifest: true,
    target: "es2022",
    chunkSizeWarningLimit: 2000,
    rollupOptions: { input: { taskpane: fileURLToPath(new URL("taskpane.html", import.meta.url)) } },
  },
});
