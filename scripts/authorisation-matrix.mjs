// `npm run docs:authorisation`: builds, then writes docs/authorisation.md from the authorisation
// matrix (tests/security/authorisation/matrix.ts), which matrix.test.ts checks against the service.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const build = spawnSync("npx", ["tsc", "-b"], { cwd: root, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const { renderAuthorisationDoc } = await import(pathToFileURL(join(root, "tests", "dist", "security", "authorisation", "matrix-doc.js")).href);
const target = join(root, "docs", "authorisation.md");
writeFileSync(target, renderAuthorisationDoc());
console.log(`Wrote ${target}`);
