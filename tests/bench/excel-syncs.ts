// `npm run bench -- excel-syncs`: the add-in is browser code built by Vite, not tsc, so this builds
// its bench for Node (excel-addin/vite.bench.config.ts) and runs it. It prints
// BENCH excel-syncs-small N, BENCH excel-syncs-large N and the large run's adapter and engine times.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..", "..");
const addin = join(root, "excel-addin");
const vite = join(root, "node_modules", "vite", "bin", "vite.js");

const build = spawnSync(process.execPath, [vite, "build", "--config", join(addin, "vite.bench.config.ts")], { cwd: addin, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(process.execPath, [join(root, "tests", "dist", "bench", "excel-addin", "excel-syncs.js")], { cwd: root, stdio: "inherit" });
process.exit(run.status ?? 1);
