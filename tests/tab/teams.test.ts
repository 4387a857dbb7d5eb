// The tab inside "Teams" (the stand-in of tests/support/teams-host.ts, with the real teams-js of the
// built tab talking to it) and outside it: Teams single sign-on, Teams' themes and their live
// changes, the channel tab's configuration page and its saved address, deep links, and the
// development sign-in of a plain browser. Nothing is sent anywhere but the service.
import type { Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { luminance, themeColours } from "../support/tab-checks.js";
import { ADMIN, MANAGER, requestsOffTheMachine, signInStandalone, startTabBrowser, WAIT, type TabBrowser } from "../support/tab-browser.js";
import { exactly } from "../support/tab-views.js";
import { SDK_VERSION, TEAMS_ORIGIN, VALID_ORIGINS_CDN, type TabMessage, type TeamsChannel } from "../support/teams-host.js";

let tab: TabBrowser;

beforeAll(async () => {
  tab = await startTabBrowser();
}, 180_000);

afterAll(() => tab?.close());

const CHANNEL: TeamsChannel = { id: "19:streetscene@thread.tacv2", name: "Contracts", teamId: "7a1c8c2e-0000-4000-8000-00000000c0c1", teamName: "Streetscene and Waste" };

interface PortfolioRow {
  contractId: string;
  reference: string;
  title: string;
}

/** A contract of the manager's portfolio, as the API lists it. */
async function aContract(): Promise<PortfolioRow> {
  const portfolio = await tab.api<{ byContract: PortfolioRow[] }>(MANAGER, "/api/dashboard/portfolio");
  const first = portfolio.byContract[0];
  if (!first) throw new Error(`${MANAGER.userId} has no contracts in the demo data.`);
  return first;
}

describe("the tab's address", () => {
  it("is served at /tab/, the address the app manifest's tabs and the channel tab's saved settings name", async () => {
    const page = await fetch(`${tab.service.url}/tab/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<div id="root"></div>');
    // Only Teams and Microsoft 365's hosts (and the service) may frame it: the Teams tests here run framed by teams.microsoft.com under this header.
    const ancestors = page.headers.get("content-security-policy")?.match(/frame-ancestors ([^;]+)/)?.[1]?.split(" ") ?? [];
    expect(ancestors).toEqual(expect.arrayContaining(["'self'", "https://teams.microsoft.com", "https://*.teams.microsoft.com", "https://*.cloud.microsoft"]));
    expect(ancestors.every((source) => source === "'self'" || /^https:\/\/(\*\.)?[a-z0-9.-]*(microsoft|office|office365|microsoft365)\.com$|^https:\/\/\*\.cloud\.microsoft$/.test(source))).toBe(true);
  });
});

describe("the personal tab in Teams", () => {
  it("signs in with Teams' token without asking, shows the portfolio in Teams' theme, and follows Teams' theme as it changes", async () => {
    const host = await tab.openInTeams({ frameContext: "content", url: "#/", entityId: "portfolio", theme: "dark" });
    const calls: Request[] = [];
    host.page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/api/")) calls.push(request);
    });
    const frame = await host.tab();
    await frame.getByTestId("portfolio-tiles").waitFor(WAIT);
    // An https page framing http://127.0.0.1: loopback is a secure context, so it is not mixed content.
    expect(new URL(host.page.url()).protocol).toBe("https:");
    expect(await frame.evaluate(() => [window.location.origin, window.isSecureContext])).toEqual([new URL(tab.service.url).origin, true]);

    // Teams' SSO: the tab asked Teams for a token, and every call to the API carried one Teams gave it.
    await host.message("authentication.getAuthToken");
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(tab.ssoTokens).toContain((await call.allHeaders()).authorization?.replace(/^Bearer /, ""));
    // No sign-in page, no Sign out (Teams signs people out); the user Teams said is named.
    expect(await frame.getByRole("button", { name: "Sign out" }).count()).toBe(0);
    await frame.getByText(MANAGER.name, { exact: true }).first().waitFor(WAIT);
    // The app told Teams it loaded (Teams hides its loading indicator then).
    await host.message("appInitialization.success");

    // The theme of the context: dark.
    const dark = await themeColours(frame);
    expect(dark.theme).toBe("dark");
    expect(luminance(dark.background)).toBeLessThan(0.1);
    expect(luminance(dark.foreground)).toBeGreaterThan(0.6);

    // Teams' theme changes while the tab is open: high contrast, then the default.
    await host.message("registerHandler", (m) => m.args[0] === "themeChange");
    await host.changeTheme("contrast");
    await expect.poll(async () => (await themeColours(frame)).theme, WAIT).toBe("contrast");
    const contrast = await themeColours(frame);
    expect(contrast.background).toBe("rgb(0, 0, 0)");
    expect(contrast.foreground).toBe("rgb(255, 255, 255)");
    await host.changeTheme("default");
    await expect.poll(async () => (await themeColours(frame)).theme, WAIT).toBe("default");
    const light = await themeColours(frame);
    expect(luminance(light.background)).toBeGreaterThan(0.9);
    expect(luminance(light.foreground)).toBeLessThan(0.1);
    expect(new Set([dark.background, contrast.background, light.background]).size).toBe(3);
    await host.page.close();
  });

  it("paints the whole of its frame in Teams' theme, with no unthemed page margin around the tab", async () => {
    const host = await tab.openInTeams({ frameContext: "content", url: "#/", entityId: "portfolio", theme: "dark" });
    const frame = await host.tab();
    await frame.getByTestId("portfolio-tiles").waitFor(WAIT);
    const corner = await frame.evaluate(() => ({ inProvider: document.elementFromPoint(1, 1)?.closest(".fui-FluentProvider") !== null, bodyMargin: getComputedStyle(document.body).margin }));
    expect(corner).toEqual({ inProvider: true, bodyMargin: "0px" });
    await host.page.close();
  });

  it("trusts Teams at teams.microsoft.com with teams-js's own list, its request for the CDN's list refused", async () => {
    // The first test's tab asked for the list and was refused; it connected all the same (it signed in with Teams).
    expect(tab.requests.filter((r) => r.url === VALID_ORIGINS_CDN).map((r) => r.fate)).toContain("refused");
    const host = await tab.openInTeams({ frameContext: "content", url: "#/overdue", theme: "default" });
    const init = await host.message("initialize");
    // teams-js's version and its runtime API version; the tab adds no origins of its own.
    expect(init.args.slice(0, 2)).toEqual([SDK_VERSION, 4]);
    await host.message("authentication.getAuthToken");
    await host.page.close();
  });
});

describe("the channel tab in Teams", () => {
  it("configures: the settings page saves the chosen contract as the tab's address and entity", async () => {
    const contract = await aContract();
    const host = await tab.openInTeams({ frameContext: "settings", url: "#/config", channel: CHANNEL, theme: "default" });
    const frame = await host.tab();
    await frame.getByRole("heading", { level: 1, name: "Channel tab settings" }).waitFor(WAIT);
    // Save is enabled for the portfolio (the first choice); choosing one contract disables it until one is picked.
    await host.message("settings.setValidityState", (m) => m.args[0] === true);
    const validity = (valid: boolean, since: number) => (m: TabMessage) => m.args[0] === valid && host.received.indexOf(m) >= since;
    const picking = host.received.length;
    await frame.getByRole("radio", { name: "One contract" }).check(WAIT);
    await host.message("settings.setValidityState", validity(false, picking));
    const picker = frame.getByRole("combobox", { name: "Contract" });
    await picker.click(WAIT);
    await picker.pressSequentially(contract.reference);
    const chosen = host.received.length;
    await frame.getByRole("option", { name: new RegExp(contract.reference) }).first().click(WAIT);
    await host.message("settings.setValidityState", validity(true, chosen));

    const saved = await host.save();
    expect(saved.contentUrl).toBe(`${tab.service.url}/tab/#/contracts/${encodeURIComponent(contract.contractId)}`);
    expect(saved.websiteUrl).toBe(saved.contentUrl);
    expect(saved.entityId).toBe(`contract:${contract.contractId}`);
    expect(saved.suggestedDisplayName).toContain(contract.reference);
    await host.page.close();

    // Teams then opens the saved address in the channel, in a content frame: the contract.
    const pinned = await tab.openInTeams({ frameContext: "content", url: saved.contentUrl, entityId: saved.entityId, channel: CHANNEL, theme: "default" });
    const content = await pinned.tab();
    await content.getByRole("heading", { level: 1, name: exactly(contract.title) }).waitFor(WAIT);
    expect(await content.getByTestId("contract-reference").textContent()).toBe(contract.reference);
    await pinned.page.close();
  });

  it("opens the contract a deep link names (subPageId contract:{id}), and shares a deep link to it", async () => {
    const contract = await aContract();
    const host = await tab.openInTeams({ frameContext: "content", url: "#/", entityId: "portfolio", subPageId: `contract:${contract.contractId}`, channel: CHANNEL, theme: "default" });
    const frame = await host.tab();
    await frame.getByRole("heading", { level: 1, name: exactly(contract.title) }).waitFor(WAIT);
    expect(await frame.getByTestId("contract-reference").textContent()).toBe(contract.reference);
    expect(new URL(frame.url()).hash).toBe(`#/contracts/${encodeURIComponent(contract.contractId)}`);

    await frame.getByRole("button", { name: "Share link" }).click(WAIT);
    const share = await host.message("shareDeepLink");
    expect(share.args[0]).toBe(`contract:${contract.contractId}`);
    expect(String(share.args[1])).toContain(contract.reference);
    await host.page.close();
  });
});

describe("outside Teams", () => {
  it("signs in as a demo manager on the development service, and follows the browser's colour scheme", async () => {
    const page = await tab.openStandalone("#/");
    await signInStandalone(page, MANAGER);
    await page.getByTestId("portfolio-tiles").waitFor(WAIT);
    await page.getByText(MANAGER.name, { exact: true }).first().waitFor(WAIT);
    expect((await themeColours(page)).theme).toBe("default");
    await page.emulateMedia({ colorScheme: "dark" });
    await expect.poll(async () => (await themeColours(page)).theme, WAIT).toBe("dark");
    expect(luminance((await themeColours(page)).background)).toBeLessThan(0.1);
    // Signing out returns to the choice of demo people.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("radiogroup", { name: "Demo person" }).waitFor(WAIT);
    await signInStandalone(page, ADMIN);
    await page.getByText(ADMIN.name, { exact: true }).first().waitFor(WAIT);
    await page.close();
  });
});

describe("the network", () => {
  it("sent nothing off the machine: every request went to the service on 127.0.0.1, but the stand-in's own pages", () => {
    expect(requestsOffTheMachine(tab.requests)).toEqual([]);
    for (const request of tab.requests) {
      const url = new URL(request.url);
      if (request.fate === "service") expect(url.hostname).toBe("127.0.0.1");
      else if (request.fate === "host page") expect(url.origin).toBe(TEAMS_ORIGIN);
      else expect(request.url).toBe(VALID_ORIGINS_CDN);
    }
    expect(tab.requests.some((r) => r.fate === "host page")).toBe(true);
    expect(tab.pageErrors).toEqual([]);
  });
});
