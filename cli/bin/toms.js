#!/usr/bin/env node
// The `toms` command. Runs the built CLI; right after `npm install` nothing is built yet, and
// after a pull the sources may be newer than the build, so it builds the CLI (and what it depends
// on) first when needed. Build output goes to stderr to keep stdout clean.
import { existsSync, readdirSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const cliDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const main = join(cliDir, "dist", "main.js");
const root = join(cliDir, "..");

/** The newest source file the command is built from (after a git pull, say). */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}
// A project is out of date when a source is newer than its last build's record.
const stale = ["cli", "shared/app", "shared/domain", "shared/storage", "shared/xlsx"].some((project) => {
  const built = join(root, project, "tsconfig.tsbuildinfo");
  return !existsSync(built) || newestSource(join(root, project, "src")) > statSync(built).mtimeMs;
});
if (!existsSync(main) || stale) {
  const build = spawnSync("npx", ["tsc", "-b", "cli"], { cwd: root, stdio: ["ignore", 2, 2] });
  if (build.status !== 0 || !existsSync(main)) {
    console.error("toms: the command line could not be built; run `npx tsc -b` in the repository to see why.");
    process.exit(2);
  }
}
try {
  await import(pathToFileURL(main).href);
} catch {
  // The build is incomplete or damaged (main itself turns every other failure into a sentence).
  console.error("toms: the command line could not start; run `npx tsc -b` in the repository, then try again.");
  process.exit(2);
}
