// Builds what the task pane's test host serves: the pane as the service serves it (rebuilt when
// its sources changed) and the test page's Office stand-in.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..");

function run(args: string[]): void {
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
}

/**
 * Builds the pane and the Office stand-in. The global setup runs it once: two test files
 * building into the same folders at once would each read the other's half-written output.
 */
export function buildAddinHost(): void {
  run(["--input-type=module", "-e", "const { buildUis } = await import('./scripts/build-uis.mjs'); buildUis(process.cwd());"]);
  run([join(root, "node_modules", "vite", "bin", "vite.js"), "build", "--config", join(root, "excel-addin", "vite.test-host.config.ts")]);
}
