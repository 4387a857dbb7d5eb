// The Teams tab's browser tests: the real service with its demo data on a free loopback port, one
// headless Chromium whose every request is recorded and whose requests off the service are
// refused, and the Teams stand-in (tests/support/teams-host.ts) to open the tab inside "Teams".
// The tab is built once by the global setup (tests/setup/browser.ts builds every browser app).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Frame, Page } from "playwright-core";
import type { Role } from "@toms/domain";
import { launchTestBrowser } from "./browser.js";
import { startTestService, type TestService } from "./service.js";
import { installTeamsStandIn, TEAMS_ORIGIN, VALID_ORIGINS_CDN, type RecordedRequest, type TeamsFrame, type TeamsHostPage, type TeamsUser } from "./teams-host.js";

/** Where the tab's screenshots are kept (test-results/ is not committed). */
export const SCREENSHOTS = join(import.meta.dirname, "..", "..", "test-results", "tab");

/** Waits long enough for a cold service's first answers, never as a pause. */
export const WAIT = { timeout: 20_000 };

/** A person of the demo data, as the tests sign in. */
export interface DemoPerson {
  userId: string;
  name: string;
  roles: Role[];
}

export const MANAGER: DemoPerson = { userId: "tom.brennan", name: "Tom Brennan", roles: ["contract-manager"] };
export const ADMIN: DemoPerson = { userId: "rob.amor", name: "Rob Amor", roles: ["admin"] };

export interface TabBrowser {
  service: TestService;
  browser: BrowserContext;
  /** Every request of every page (the tab's frames included), with what became of it. */
  readonly requests: readonly RecordedRequest[];
  /** The tokens the stand-in handed the tab as Teams' single sign-on tokens. */
  readonly ssoTokens: ReadonlySet<string>;
  /** Uncaught errors of the pages opened here, with the page's address. */
  readonly pageErrors: readonly string[];
  /** The person as Teams' signed-in user: the SSO token is a development token of the service. */
  teamsUser(person: DemoPerson): TeamsUser;
  /** A development token for the person, for the test's own calls to the API. */
  token(person: DemoPerson): Promise<string>;
  /** GETs the API as the person, the answer's JSON (failing on anything but 200). */
  api<T>(person: DemoPerson, path: string): Promise<T>;
  /** The tab inside the Teams stand-in. */
  openInTeams(frame: Omit<TeamsFrame, "user"> & { person?: DemoPerson }, viewport?: { width: number; height: number }): Promise<TeamsHostPage>;
  /** The tab in a plain browser tab at `route` (e.g. "#/"), outside Teams. */
  openStandalone(route?: string, viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts the service with its demo data and a browser routed through the Teams stand-in. The bot
 * runs no scheduled passes: a test that wants prompts runs the admin's pass itself. Development
 * sign-in is on, as npm start has it: outside Teams the tab signs in as one of the demo's people.
 */
export async function startTabBrowser(): Promise<TabBrowser> {
  // The demo's contacts without a Teams chat are mailed (the development mailbox): unpaced, so that a test's pass, answered once its prompts are sent, is not held to 30 a minute.
  const service = await startTestService({ TOMS_SEED: "demo", TOMS_BOT_PASS_MINUTES: "0", TOMS_DEV_SIGN_IN: "on", TOMS_MAIL_PER_MINUTE: "10000" });
  const profile = mkdtempSync(join(tmpdir(), "toms-chromium-"));
  let browser: BrowserContext;
  try {
    browser = await launchTestBrowser(profile);
  } catch (error) {
    await service.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const standIn = await installTeamsStandIn(browser, service.url);
  const pageErrors: string[] = [];
  const watch = (page: Page) => page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  const token = (person: DemoPerson) => service.token(person.userId, person.roles, { name: person.name });
  const ssoTokens = new Set<string>();
  const teamsUser = (person: DemoPerson): TeamsUser => ({
    objectId: `00000000-0000-4000-8000-${Buffer.from(person.userId).toString("hex").slice(0, 12).padEnd(12, "0")}`,
    displayName: person.name,
    userPrincipalName: `${person.userId}@coventry.gov.uk`,
    token: async () => {
      const issued = await token(person);
      ssoTokens.add(issued);
      return issued;
    },
  });
  return {
    service,
    browser,
    requests: standIn.requests,
    ssoTokens,
    pageErrors,
    token,
    teamsUser,
    async api<T>(person: DemoPerson, path: string) {
      const response = await service.call(path, { token: await token(person) });
      if (response.status !== 200) throw new Error(`GET ${path} as ${person.userId} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    },
    async openInTeams({ person = MANAGER, ...frame }, viewport) {
      const opened = await standIn.open({ ...frame, user: teamsUser(person) }, viewport);
      watch(opened.page);
      return opened;
    },
    async openStandalone(route = "#/", viewport = { width: 1280, height: 800 }) {
      const page = await browser.newPage();
      await page.setViewportSize(viewport);
      watch(page);
      await page.goto(`${service.url}/tab/${route}`);
      return page;
    },
    async close() {
      await browser.close();
      await service.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Requests that were neither sent to the service nor the stand-in's own page (each was refused), but for teams-js's list of origins. */
export function requestsOffTheMachine(requests: readonly RecordedRequest[]): string[] {
  return requests.filter((r) => r.fate === "refused" && r.url !== VALID_ORIGINS_CDN).map((r) => r.url);
}

/** True for a request the stand-in fulfilled itself (its host page). */
export function isStandInPage(request: RecordedRequest): boolean {
  return request.fate === "host page" && new URL(request.url).origin === TEAMS_ORIGIN;
}

/** Signs the plain-browser tab in as a demo person (the development service's sign-in page). */
export async function signInStandalone(page: Page | Frame, person: DemoPerson): Promise<void> {
  const choice = page.getByRole("radiogroup", { name: "Demo person" }).getByRole("radio", { name: new RegExp(`^${person.name}:`) });
  await choice.check(WAIT);
  await page.getByRole("button", { name: `Sign in as ${person.name}` }).click();
  await page.getByRole("navigation", { name: "Sections" }).waitFor(WAIT);
}
