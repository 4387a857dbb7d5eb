// `node scripts/draw-teams-icons.mjs`: draws the Teams app's icons, manifest/teams/icons/color.png
// (192x192) and outline.png (32x32), from the SVGs beside them, in headless Chromium, with nothing
// fetched. The PNGs are committed; run this after changing an SVG. The browser is the one the
// browser tests use (tests/support/browser.ts): TOMS_TEST_BROWSER, a system Chromium, Chrome or
// Edge, else the Chromium those tests extract into .cache/.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { PNG } from "pngjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const ICONS = join(root, "manifest", "teams", "icons");
// Teams' sizes: the colour icon 192x192, the outline 32x32 white on transparent.
const DRAWINGS = [
  { name: "color", size: 192 },
  { name: "outline", size: 32 },
];

/** The browser to draw with, as tests/support/browser.ts finds it, or a message saying how to get one. */
function browser() {
  const chosen = process.env.TOMS_TEST_BROWSER?.trim();
  if (chosen) return existsSync(chosen) ? { executablePath: chosen, env: {} } : `TOMS_TEST_BROWSER is ${chosen}, which does not exist.`;
  if (process.platform !== "win32") {
    for (const command of ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "microsoft-edge", "microsoft-edge-stable"]) {
      const found = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).stdout.trim();
      if (found) return { executablePath: found, env: {} };
    }
  }
  const cache = join(root, ".cache");
  const extracted = existsSync(cache) ? readdirSync(cache).filter((name) => /^chromium-\d/.test(name)).map((name) => join(cache, name)) : [];
  const folder = extracted.find((path) => existsSync(join(path, "chromium")));
  if (folder) {
    const fonts = join(folder, "toms-fonts.conf");
    return { executablePath: join(folder, "chromium"), env: existsSync(fonts) ? { FONTCONFIG_FILE: fonts } : {} };
  }
  return "No browser to draw the icons with. Set TOMS_TEST_BROWSER to a Chromium, Chrome or Edge, or run the browser tests once (npx vitest run tests/addin/browser.test.ts), which extract one into .cache/.";
}

/**
 * Teams shows the outline icon as a mask: every pixel must be white, only its transparency
 * varying. Edges the browser smoothed keep their transparency and become pure white. The colour
 * icon is drawn full-bleed and made wholly opaque, so no corner is left half-transparent.
 */
function finish(png, name) {
  for (let i = 0; i < png.data.length; i += 4) {
    if (name === "outline") {
      if (png.data[i + 3] === 0) png.data.fill(0, i, i + 3);
      else png.data.fill(255, i, i + 3);
    } else {
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

const found = browser();
if (typeof found === "string") {
  console.error(found);
  process.exit(2);
}
const launched = await chromium.launch({
  executablePath: found.executablePath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  env: { ...process.env, ...found.env },
});
try {
  for (const { name, size } of DRAWINGS) {
    const svg = readFileSync(join(ICONS, `${name}.svg`), "utf8");
    const page = await launched.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    // The drawing is self-contained: refuse anything it might ask for.
    await page.route("**/*", (route) => route.abort());
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const shot = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
    const png = PNG.sync.read(shot);
    if (png.width !== size || png.height !== size) throw new Error(`${name}.svg drew at ${png.width}x${png.height}, not ${size}x${size}.`);
    const out = join(ICONS, `${name}.png`);
    writeFileSync(out, finish(png, name));
    console.log(`Drew ${relative(root, out)} (${size}x${size})`);
  }
} finally {
  await launched.close();
}
