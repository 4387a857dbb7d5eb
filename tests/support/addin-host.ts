// The task pane's test host for browser tests: the pane as the real service serves it, in a test
// page where an office-addin-mock workbook stands in for Excel, in a headless browser that
// refuses every request to an address but the service, so nothing leaves the machine.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { launchTestBrowser } from "./browser.js";
import { startTestService, type TestService } from "./service.js";

const root = join(import.meta.dirname, "..", "..");

/** The running host: the service, the browser, and what the pages did that a test should see. */
export interface AddinHost {
  service: TestService;
  browser: BrowserContext;
  /** Addresses outside the service that a page asked for (every one was refused). */
  outside: string[];
  /** Uncaught errors of any page opened with `open`. */
  pageErrors: string[];
  /** A new page at `path` on the service (`/addin/test-host.html` is the pane in the mock Excel). */
  open(path: string, viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** Starts the service and a browser over the pane that `buildAddinHost` (tests/support/addin-build.ts)
 * built. Development sign-in is on, as npm start has it (the pane signs in as a chosen user and
 * role), unless `env` says otherwise. */
export async function startAddinHost(env: Record<string, string> = {}): Promise<AddinHost> {
  const service = await startTestService({ TOMS_DEV_SIGN_IN: "on", ...env });
  const profile = mkdtempSync(join(tmpdir(), "toms-chromium-"));
  let browser: BrowserContext;
  try {
    browser = await launchTestBrowser(profile);
  } catch (error) {
    await service.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const outside: string[] = [];
  const pageErrors: string[] = [];
  const origin = new URL(service.url).origin;
  const hostPage = readFileSync(join(root, "excel-addin", "dist", "taskpane.html"), "utf8").replace(/<script src="\.\/office\/office\.js"><\/script>/, '<script src="./test-host.js"></script>');
  const hostScript = readFileSync(join(root, "tests", "dist", "addin-host", "test-host.js"), "utf8");
  await browser.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== origin) {
      outside.push(url.href);
      return route.abort();
    }
    // With the pane's own headers, so the mock Excel runs it under the service's Content-Security-Policy.
    if (url.pathname === "/addin/test-host.html") return route.fulfill({ response: await route.fetch({ url: `${origin}/addin/taskpane.html` }), contentType: "text/html", body: hostPage });
    if (url.pathname === "/addin/test-host.js") return route.fulfill({ contentType: "text/javascript", body: hostScript });
    return route.continue();
  });
  return {
    service,
    browser,
    outside,
    pageErrors,
    async open(path, viewport) {
      const page = await browser.newPage();
      if (viewport) await page.setViewportSize(viewport);
      page.on("pageerror", (error) => pageErrors.push(error.message));
      await page.goto(`${service.url}${path}`);
      return page;
    },
    async close() {
      await browser.close();
      await service.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The test page's workbook, as the page exposes it (see excel-addin/src/testing/test-host.ts). */
export interface HostWindow {
  tomsWorkbook: {
    sheets: { name: string; rows: { value: string | number | boolean; numberFormat: string }[][] }[];
    selection: { sheet: string; row: number; column: number };
    sheet(name: string): unknown;
    write(sheet: unknown, row: number, column: number, value: unknown): void;
  };
}

/** The values of a sheet of the test page's workbook, row by row ([] when there is no such sheet). */
export async function cells(page: Page, sheet: string): Promise<(string | number | boolean)[][]> {
  return page.evaluate((name) => {
    const found = (globalThis as unknown as HostWindow).tomsWorkbook.sheets.find((s) => s.name === name);
    return found ? found.rows.map((row) => row.map((c) => c.value)) : [];
  }, sheet);
}

/**
 * Signs the test page's pane in as an evaluator (the development service's sign-in) and lays out
 * an evaluation of the suggested services set for `bidders`, waiting for each step to finish.
 */
export async function signInAndLayOut(page: Page, bidders: readonly string[], tenderReference: string, wait: { timeout: number }): Promise<void> {
  await page.getByLabel("User id").fill("amara.okafor");
  await page.getByLabel("Name shown on saved work").fill("Amara Okafor");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByTestId("signed-in").waitFor(wait);
  await page.getByRole("button", { name: "Services" }).click();
  await page.getByLabel("Bidders").fill(bidders.join("\n"));
  await page.getByLabel("Tender reference").fill(tenderReference);
  await page.getByRole("button", { name: "Lay out the workbook" }).click();
  await page.getByText("The workbook is laid out.").waitFor(wait);
}
