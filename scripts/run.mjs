// `node scripts/run.mjs <workspace> <command> [args]`: builds what is out of date (tsc -b is
// incremental), then runs <workspace>/dist/commands/<command>.js with the remaining arguments.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const [workspace, command, ...args] = process.argv.slice(2);
const build = spawnSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-b", workspace], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(process.execPath, [join(root, workspace, "dist", "commands", `${command}.js`), ...args], { cwd: root, stdio: "inherit" });
process.exit(run.status ?? 1);
