// `npm run bench -- <name>`: builds, then runs tests/bench/<name>.ts (compiled), which prints
// `BENCH <name> <value> <unit>` lines. Speed is measured here, never asserted in tests.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const benchDir = join(root, "tests", "dist", "bench");
const names = process.argv.slice(2);

const build = spawnSync("npx", ["tsc", "-b"], { cwd: root, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const available = existsSync(benchDir)
  ? readdirSync(benchDir).filter((f) => f.endsWith(".js")).map((f) => f.slice(0, -3))
  : [];
if (names.length === 0) {
  console.log(`Usage: npm run bench -- <name>\nBenchmarks: ${available.join(", ") || "(none)"}`);
  process.exit(2);
}
for (const name of names) {
  if (!available.includes(name)) {
    console.error(`No benchmark named "${name}". Benchmarks: ${available.join(", ")}`);
    process.exit(2);
  }
  const run = spawnSync(process.execPath, [join(benchDir, `${name}.js`)], { cwd: root, stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
