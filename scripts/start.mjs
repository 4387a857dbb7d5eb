// `npm start`: builds what is not built, then runs the one service in this process (so Ctrl+C
// reaches it directly and it stops cleanly, saving the embedded storage).
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildUis } from "./build-uis.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
console.log("Building the TOMs Suite (only what changed)...");
const build = spawnSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-b"], { cwd: root, stdio: "inherit" });
if (build.status !== 0) {
  console.error("The build failed; see the errors above.");
  process.exit(build.status ?? 1);
}
buildUis(root);
// npm start is for trying the suite on this computer: the tab and the add-in offer the demo's
// people to sign in as, unless the environment says otherwise (an empty variable counts as not
// set); main.js says at its start that it is on.
process.env.TOMS_DEV_SIGN_IN ||= "on";
await import(pathToFileURL(join(root, "api", "dist", "main.js")).href);
