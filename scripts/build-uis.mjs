// Builds each browser app (Vite) whose sources are newer than its last build.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const UIS = ["excel-addin", "teams-app"];

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export function buildUis(root, { force = false } = {}) {
  for (const ui of UIS) {
    const dir = join(root, ui);
    if (!existsSync(join(dir, "vite.config.ts"))) continue;
    const stamp = join(dir, "dist", ".vite", "manifest.json");
    // The browser apps bundle the domain's and the client's sources (vite.config.ts aliases).
    const sources = Math.max(newest(dir), newest(join(root, "shared", "domain", "src")), newest(join(root, "shared", "client", "src")));
    if (!force && existsSync(stamp) && statSync(stamp).mtimeMs >= sources) continue;
    console.log(`Building ${ui}...`);
    // A production build whoever asks for it (the tests' setup runs with NODE_ENV=test, which would
    // ship React's development build, and npm start would then serve it).
    const result = spawnSync("npm", ["run", "build", "--workspace", ui], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
    if (result.status !== 0) {
      console.error(`Building ${ui} failed; see the errors above.`);
      process.exit(result.status ?? 1);
    }
  }
}

// `npm run build` runs this file directly.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildUis(join(dirname(fileURLToPath(import.meta.url)), ".."));
}
