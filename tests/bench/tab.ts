// `npm run bench -- tab`: the Teams tab on the 500-contract data set of the dashboard bench
// (tests/support/bench-dashboard.ts, loaded once into .cache/bench-dashboard/). Prints
//   BENCH tab-first-render-ms N: the portfolio opened as a procurement officer (all 500 contracts)
//     inside the Teams stand-in, in headless Chromium, from the tab frame's navigation start to its
//     figures and contract rows on screen; the median of several loads, each in a fresh browser
//     context (nothing cached), after one load that is not counted (the service's first answers);
//   BENCH tab-bundle-kb N: the gzipped size of the tab's initial JavaScript, the entry chunk and its
//     static imports in teams-app/dist/.vite/manifest.json (not the views' lazy chunks).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "playwright-core";
import { issueDevelopmentToken } from "@toms/api";
import { DIR, prepareBenchData, startBenchService } from "../support/bench-dashboard.js";
import { BROWSER_ARGS, findBrowser } from "../support/browser.js";
import { installTeamsStandIn } from "../support/teams-host.js";

const root = join(import.meta.dirname, "..", "..", "..");
const dist = join(root, "teams-app", "dist");
const LOADS = 7;
/** When the portfolio counts as shown: its figures and its first page of contracts. */
const SHOWN = '[data-testid="portfolio-tiles"] [data-value]';
const ROWS = '[data-testid="contract-table"] tbody tr';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** The entry chunk and every chunk it imports statically, by file. */
function initialChunks(manifest: Record<string, ManifestChunk>): string[] {
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entry) throw new Error("The tab's build manifest names no entry chunk.");
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry);
  return [...files];
}

/** Milliseconds from the tab frame's navigation start to the portfolio shown, in a fresh context. */
async function firstRender(browser: Browser, serviceUrl: string, token: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    // Notes, in the tab's own clock, the first moment its figures and rows are in the page.
    await context.addInitScript(({ shown, rows }) => {
      if (window.parent === window) return;
      const look = () => {
        if (document.querySelector(shown) && document.querySelector(rows)) {
          (window as unknown as { tomsShownAt: number }).tomsShownAt = performance.now();
          observer.disconnect();
        }
      };
      const observer = new MutationObserver(look);
      observer.observe(document, { childList: true, subtree: true });
    }, { shown: SHOWN, rows: ROWS });
    const standIn = await installTeamsStandIn(context, serviceUrl);
    const user = { objectId: "00000000-0000-4000-8000-0000000000ad", displayName: "Rob Amor", userPrincipalName: "rob.amor@coventry.gov.uk", token: () => Promise.resolve(token) };
    const host = await standIn.open({ frameContext: "content", url: "#/", entityId: "portfolio", user, theme: "default" });
    const frame = await host.tab();
    await frame.waitForFunction(() => typeof (window as unknown as { tomsShownAt?: number }).tomsShownAt === "number", undefined, { timeout: 60_000 });
    const refused = standIn.requests.filter((r) => r.fate === "refused" && !r.url.includes("validDomains"));
    if (refused.length > 0) throw new Error(`The tab asked for addresses off the machine: ${refused.map((r) => r.url).join(", ")}`);
    return await frame.evaluate(() => (window as unknown as { tomsShownAt: number }).tomsShownAt);
  } finally {
    await context.close();
  }
}

// The tab as it ships, built afresh for production (npm run bench builds only tsc's part): a build
// left by the test run is made with NODE_ENV=test, which gives React's development build.
const build = spawnSync(process.execPath, ["--input-type=module", "-e", "const { buildUis } = await import('./scripts/build-uis.mjs'); buildUis(process.cwd(), { force: true });"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production" },
});
if (build.status !== 0) process.exit(build.status ?? 1);

const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8")) as Record<string, ManifestChunk>;
const initial = initialChunks(manifest);
const gzipped = initial.reduce((sum, file) => sum + gzipSync(readFileSync(join(dist, file))).length, 0);

await prepareBenchData();
const service = await startBenchService();
const found = findBrowser();
const browser = await chromium.launch({ executablePath: found.executablePath, headless: true, args: BROWSER_ARGS, env: { ...process.env, ...found.env } as Record<string, string> });
try {
  const token = await issueDevelopmentToken(DIR, { userId: "rob.amor", roles: ["admin"], name: "Rob Amor" });
  await firstRender(browser, service.url, token);
  const loads: number[] = [];
  for (let i = 0; i < LOADS; i++) loads.push(await firstRender(browser, service.url, token));
  console.error(`Portfolio first render, ${LOADS} loads (ms): ${loads.map((ms) => ms.toFixed(0)).join(", ")}; initial chunks: ${initial.join(", ")}`);
  console.log(`BENCH tab-first-render-ms ${median(loads).toFixed(0)}`);
  console.log(`BENCH tab-bundle-kb ${(gzipped / 1024).toFixed(1)}`);
} finally {
  await browser.close();
  await service.close();
}
