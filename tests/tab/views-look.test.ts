// Every view of the tab in each of Teams' themes (the theme changed live, as Teams does): axe-core
// finds no serious or critical accessibility violation (every rule in the default theme, the rules
// that depend on colours in the dark and high-contrast themes), and a screenshot of the whole view is kept
// at 1280 px and at Teams' 320 px side panel, under test-results/tab/ (e.g. portfolio-1280-default.png).
import type { Frame } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PortfolioDashboard } from "@toms/domain";
import { startBotConnector, type BotConnector } from "../support/bot-connector.js";
import { promptedContracts } from "../support/tab-prompts.js";
import { COLOUR_RULES, keepScreenshot, seriousViolations, themeColours } from "../support/tab-checks.js";
import { MANAGER, requestsOffTheMachine, startTabBrowser, WAIT, type TabBrowser } from "../support/tab-browser.js";
import { CONFIG_VIEW, contentViews, showView, type TabView } from "../support/tab-views.js";
import type { TeamsHostPage, TeamsTheme } from "../support/teams-host.js";

const THEMES: readonly TeamsTheme[] = ["default", "dark", "contrast"];
const WIDE = { width: 1280, height: 800 };
const SIDE_PANEL = { width: 320, height: 800 };

let tab: TabBrowser;
let connector: BotConnector;
let views: TabView[];
/** The content frame, and the channel tab's settings frame (for its configuration page). */
const frames = new Map<"content" | "settings", { host: TeamsHostPage; frame: Frame }>();

beforeAll(async () => {
  tab = await startTabBrowser();
  // Prompts delivered and refused, so that the Overdue view shows a problem's badge in each theme.
  connector = await startBotConnector();
  await promptedContracts(tab.service, connector);
  const portfolio = await tab.api<PortfolioDashboard>(MANAGER, "/api/dashboard/portfolio");
  // A contract with social value committed, so that its page shows every section with figures.
  const first = portfolio.byContract.find((c) => c.socialValue.committed > 0);
  if (!first) throw new Error(`${MANAGER.userId} has no contract with social value in the demo data.`);
  views = contentViews(first, { id: first.supplierId, name: first.supplierName ?? first.supplierId });
  const content = await tab.openInTeams({ frameContext: "content", url: "#/", entityId: "portfolio", theme: "default" }, WIDE);
  frames.set("content", { host: content, frame: await content.tab() });
  const settings = await tab.openInTeams({ frameContext: "settings", url: CONFIG_VIEW.route, theme: "default", channel: { id: "19:look@thread.tacv2", name: "Contracts", teamId: "team-look", teamName: "Contracts" } }, WIDE);
  frames.set("settings", { host: settings, frame: await settings.tab() });
}, 180_000);

afterAll(async () => {
  await tab?.close();
  await connector?.close();
});

async function inTheme(which: "content" | "settings", theme: TeamsTheme): Promise<{ host: TeamsHostPage; frame: Frame }> {
  const opened = frames.get(which);
  if (!opened) throw new Error(`No ${which} frame open.`);
  if ((await themeColours(opened.frame)).theme !== theme) {
    await opened.host.changeTheme(theme);
    await expect.poll(async () => (await themeColours(opened.frame)).theme, WAIT).toBe(theme);
  }
  return opened;
}

async function look(which: "content" | "settings", view: TabView, theme: TeamsTheme): Promise<void> {
  const { host, frame } = await inTheme(which, theme);
  await host.page.setViewportSize(WIDE);
  await showView(frame, view);
  expect(await seriousViolations(frame, theme === "default" ? undefined : COLOUR_RULES)).toEqual([]);
  await keepScreenshot(host, `${view.name}-1280-${theme}`);
  await host.page.setViewportSize(SIDE_PANEL);
  await showView(frame, view);
  // At the side panel's width nothing is wider than the panel: tables scroll inside their own box.
  expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIDE_PANEL.width);
  await keepScreenshot(host, `${view.name}-320-${theme}`);
  await host.page.setViewportSize(WIDE);
}

for (const theme of THEMES) {
  describe(`in Teams' ${theme} theme`, () => {
    for (const name of ["portfolio", "contract", "supplier", "social-value", "overdue"]) {
      it(`${name}: no serious accessibility violation; screenshots at 1280 and 320 px`, async () => {
        const view = views.find((v) => v.name === name);
        if (!view) throw new Error(`No view named ${name}.`);
        await look("content", view, theme);
      }, 60_000);
    }
    it("the channel tab's configuration page: no serious accessibility violation; screenshots at 1280 and 320 px", async () => {
      await look("settings", CONFIG_VIEW, theme);
    }, 60_000);
  });
}

describe("the check itself", () => {
  it("finds a serious violation when there is one: grey text on white, added to the page for the test", async () => {
    const { frame } = await inTheme("content", "default");
    await frame.evaluate(() => {
      const faint = Object.assign(document.createElement("p"), { id: "toms-faint", textContent: "Faint words for the check" });
      faint.style.cssText = "color: #d0d0d0; background: #ffffff;";
      document.querySelector("main")?.append(faint);
    });
    try {
      expect((await seriousViolations(frame, COLOUR_RULES)).join("\n")).toMatch(/^color-contrast \(serious\).*toms-faint/m);
    } finally {
      await frame.evaluate(() => document.getElementById("toms-faint")?.remove());
    }
  });
});

describe("the pages", () => {
  it("threw no error, and sent nothing off the machine", () => {
    expect(tab.pageErrors).toEqual([]);
    expect(requestsOffTheMachine(tab.requests)).toEqual([]);
  });
});
