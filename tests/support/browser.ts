// The one module that finds the browser for the browser tests: a system Chromium, Chrome or Edge
// when there is one, else, on Linux x64, the Chromium shipped inside the npm package
// @sparticuz/chromium, extracted once into .cache/ in the repository. Nothing is downloaded.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

/** The repository's root: the folder with the lockfile above this one (tests/support, or tests/dist/support once compiled for a benchmark). */
function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package-lock.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package-lock.json above ${from}: the tests run from inside the repository.`);
  }
}

const root = repositoryRoot(import.meta.dirname);

/** A browser the tests can launch. */
export interface TestBrowser {
  executablePath: string;
  /** Where it came from, for messages: "system" or the npm package. */
  source: string;
  /** Environment the browser needs (fonts of the packaged Chromium). */
  env: Record<string, string>;
}

/**
 * Flags for a headless browser on a closed network, as root: no sandbox, no GPU, and none of the
 * background connections (updates, sync, metrics) a closed network refuses. @sparticuz/chromium's
 * own `args` are not used: its --single-process makes closing a browser context kill the browser.
 */
export const BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

const SYSTEM_COMMANDS = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "microsoft-edge", "microsoft-edge-stable"];
const SYSTEM_PATHS: Partial<Record<NodeJS.Platform, string[]>> = {
  darwin: ["/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", "/Applications/Chromium.app/Contents/MacOS/Chromium", "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"],
  win32: [
    `${process.env["PROGRAMFILES(X86)"] ?? "C:\\Program Files (x86)"}\\Microsoft\\Edge\\Application\\msedge.exe`,
    `${process.env.PROGRAMFILES ?? "C:\\Program Files"}\\Google\\Chrome\\Application\\chrome.exe`,
  ],
};

/** A Chromium, Chrome or Edge installed on this machine: TOMS_TEST_BROWSER, the PATH, then the usual places. */
export function systemBrowser(): string | undefined {
  const chosen = process.env.TOMS_TEST_BROWSER?.trim();
  if (chosen) {
    if (!existsSync(chosen)) throw new Error(`TOMS_TEST_BROWSER is ${chosen}, which does not exist.`);
    return chosen;
  }
  if (process.platform !== "win32") {
    for (const command of SYSTEM_COMMANDS) {
      const found = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).stdout.trim();
      if (found) return found;
    }
  }
  return SYSTEM_PATHS[process.platform]?.find((path) => existsSync(path));
}

const FONTS_CONF = "toms-fonts.conf";

/** A fontconfig file for the packaged Chromium: its own Open Sans, then the system's fonts if any. */
function fontConfig(folder: string): string {
  const escape = (path: string) => path.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${escape(join(folder, "fonts", "fonts"))}</dir>
  <dir>/usr/share/fonts</dir>
  <cachedir>${escape(join(folder, "fonts-cache"))}</cachedir>
</fontconfig>
`;
}

/**
 * The packaged Chromium, extracted into .cache/chromium-<version>/ the first time. The package
 * extracts into the system's temporary folder, so it runs in a child process whose TMPDIR is a
 * staging folder of ours, renamed into place when complete: a second caller at the same moment
 * keeps whichever finished first, and an interrupted extraction is never mistaken for a whole one.
 */
function packagedChromium(): TestBrowser {
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error("No Chromium, Chrome or Edge was found on this machine. Install one, or set TOMS_TEST_BROWSER to its path.");
  }
  const require = createRequire(import.meta.url);
  // The package exports no package.json: its entry is build/cjs/index.cjs.
  const manifest = join(dirname(require.resolve("@sparticuz/chromium")), "..", "..", "package.json");
  const version = (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
  const cache = join(root, ".cache");
  const folder = join(cache, `chromium-${version}`);
  const executablePath = join(folder, "chromium");
  if (!existsSync(executablePath)) {
    mkdirSync(cache, { recursive: true });
    const staging = mkdtempSync(join(cache, "chromium-extracting-"));
    const extract = spawnSync(process.execPath, ["--input-type=module", "-e", "const { default: c } = await import('@sparticuz/chromium'); await c.executablePath();"], {
      cwd: root,
      env: { ...process.env, TMPDIR: staging, TMP: staging, TEMP: staging },
      encoding: "utf8",
    });
    if (extract.status !== 0 || !existsSync(join(staging, "chromium"))) {
      rmSync(staging, { recursive: true, force: true });
      throw new Error(`Could not extract the Chromium of @sparticuz/chromium ${version}: ${extract.stderr.trim()}`);
    }
    // The package's fonts.conf names Lambda's folders; without fonts Chromium aborts on the first text.
    writeFileSync(join(staging, FONTS_CONF), fontConfig(folder));
    try {
      renameSync(staging, folder);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another run finished first
    }
  }
  return { executablePath, source: `@sparticuz/chromium ${version}`, env: { FONTCONFIG_FILE: join(folder, FONTS_CONF) } };
}

/** The browser the tests use: the system's when there is one, else the packaged Chromium. */
export function findBrowser(): TestBrowser {
  const system = systemBrowser();
  return system ? { executablePath: system, source: "system", env: {} } : packagedChromium();
}

/** A headless browser with its own empty profile in `profile`. */
export function launchTestBrowser(profile: string): Promise<BrowserContext> {
  const browser = findBrowser();
  return chromium.launchPersistentContext(profile, {
    executablePath: browser.executablePath,
    headless: true,
    args: BROWSER_ARGS,
    env: { ...process.env, ...browser.env } as Record<string, string>,
  });
}
