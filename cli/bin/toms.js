#!/usr/bin/env node
// The `toms` command. Runs the built CLI; right after `npm install` nothing is built yet, so it
// builds the CLI (and what it depends on) first. Build output goes to stderr to keep stdout clean.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const cliDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const main = join(cliDir, "dist", "main.js");
if (!existsSync(main)) {
  const build = spawnSync("npx", ["tsc", "-b", "cli"], { cwd: join(cliDir, ".."), stdio: ["ignore", 2, 2] });
  if (build.status !== 0 || !existsSync(main)) {
    console.error("toms: the command line could not be built; run `npx tsc -b` in the repository to see why.");
    process.exit(1);
  }
}
await import(pathToFileURL(main).href);
