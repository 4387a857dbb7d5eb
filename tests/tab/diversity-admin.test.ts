// Running the supplier diversity questionnaire in the tab (issue 11), as a procurement officer
// (admin, rob.amor) inside the Teams stand-in, against the real service with its demo data (last
// year's campaign closed and published, this year's open): "Run the questionnaire" lists every
// year as GET /api/diversity/campaigns gives it, in each of Teams' themes, axe finding nothing
// serious, within the 320 px side panel, with screenshots, and the published baseline below it as
// other staff see it; the links for a mail merge download as the reminders API lists them; Send in Teams
// says in words what the bot did (the demo has no chats with the bot, so every business that has
// not answered is one to e-mail); closing it and opening next year's go through their
// confirmations. An EDI analyst and a contract manager do not see the part.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Frame } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BaselineView, CampaignView, ReminderRow } from "@toms/client";
import { parseCsv } from "@toms/domain";
import { COLOUR_RULES, keepScreenshot, seriousViolations } from "../support/tab-checks.js";
import { ADMIN, MANAGER, requestsOffTheMachine, SCREENSHOTS, startTabBrowser, WAIT, type DemoPerson, type TabBrowser } from "../support/tab-browser.js";
import { showView, type TabView } from "../support/tab-views.js";
import type { TeamsHostPage, TeamsTheme } from "../support/teams-host.js";

const ANALYST: DemoPerson = { userId: "nadia.bashir", name: "Nadia Bashir", roles: ["edi-analyst"] };
const THEMES: readonly TeamsTheme[] = ["default", "dark", "contrast"];
const WIDE = { width: 1280, height: 800 };
const SIDE_PANEL = { width: 320, height: 800 };
/** The admin's page: the campaigns, then the published baseline. */
const ADMIN_VIEW: TabView = { name: "diversity-admin", route: "#/diversity", heading: /^Supplier diversity$/, shown: '[data-testid="campaign-list"]' };
const COLLEAGUE_VIEW: TabView = { name: "diversity", route: "#/diversity", heading: /^Supplier diversity$/, shown: '[data-testid="baseline"]' };

const THIS_YEAR = new Date().getUTCFullYear();
const LAST_YEAR = THIS_YEAR - 1;

const whole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });

let tab: TabBrowser;

beforeAll(async () => {
  tab = await startTabBrowser();
}, 180_000);

afterAll(() => tab?.close());

async function campaigns(): Promise<CampaignView[]> {
  return (await tab.api<{ items: CampaignView[] }>(ADMIN, "/api/diversity/campaigns")).items;
}

async function reminders(year: number): Promise<ReminderRow[]> {
  return (await tab.api<{ items: ReminderRow[] }>(ADMIN, `/api/diversity/campaigns/${year}/reminders`)).items;
}

/** The tab in Teams as `person`, on the Supplier diversity section, showing `view`. */
async function openDiversity(person: DemoPerson, view: TabView, theme: TeamsTheme = "default"): Promise<{ host: TeamsHostPage; frame: Frame }> {
  const host = await tab.openInTeams({ frameContext: "content", url: "#/", entityId: "portfolio", theme, person }, WIDE);
  const frame = await host.tab();
  await frame.getByRole("navigation", { name: "Sections" }).waitFor(WAIT);
  await showView(frame, view);
  return { host, frame };
}

/** The campaign list as shown: each row's year, state, counts (their raw values) and closing day. */
async function shownCampaigns(frame: Frame): Promise<{ year: string; status: string; cells: string[]; invited: string; answered: string }[]> {
  return frame
    .getByTestId("campaign-list")
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = [...tr.querySelectorAll("td")];
        return { year: tr.getAttribute("data-year") ?? "", status: tr.getAttribute("data-status") ?? "", cells: cells.map((c) => (c.textContent ?? "").trim()), invited: cells[2]?.getAttribute("data-value") ?? "", answered: cells[3]?.getAttribute("data-value") ?? "" };
      }),
    );
}

/** The rows the page should show for the API's campaigns, newest first. */
function expectedRows(list: readonly CampaignView[]) {
  return [...list]
    .sort((a, b) => b.year - a.year)
    .map((c) => ({
      year: String(c.year),
      status: c.status,
      cells: [String(c.year), c.status === "open" ? "Open" : c.closedAt ? `Closed on ${longDate.format(new Date(c.closedAt))}` : "Closed", whole.format(c.invited), whole.format(c.answered), longDate.format(new Date(c.closedAt ?? c.closesAt))],
      invited: String(c.invited),
      answered: String(c.answered),
    }));
}

// Before the admin closes this year's questionnaire below, so each sees the demo as it is.
describe("other staff", () => {
  for (const person of [ANALYST, MANAGER]) {
    it(`${person.roles.join(", ")} ${person.userId} does not see Run the questionnaire`, async () => {
      const { host, frame } = await openDiversity(person, COLLEAGUE_VIEW);
      expect(await frame.getByTestId("run-campaign").count()).toBe(0);
      expect(await frame.getByRole("heading", { name: "Run the questionnaire" }).count()).toBe(0);
      expect(await frame.getByRole("button", { name: /Send in Teams|Download links for a mail merge|Close the questionnaire|^Open the \d{4} questionnaire$/ }).count()).toBe(0);
      await host.page.close();
    }, 120_000);
  }
});

describe("the procurement officer", () => {
  for (const theme of THEMES) {
    it(`sees this year's questionnaire in Run the questionnaire as the API gives it, and last year's published baseline, in Teams' ${theme} theme; no serious accessibility violation; fits 320 px; screenshots`, async () => {
      const list = await campaigns();
      const current = list.find((c) => c.year === THIS_YEAR);
      expect(current, `this year's campaign among ${list.map((c) => c.year).join(", ")}`).toMatchObject({ status: "open" });
      const { host, frame } = await openDiversity(ADMIN, ADMIN_VIEW, theme);

      const part = frame.getByTestId("run-campaign");
      await part.getByRole("heading", { level: 2, name: "Run the questionnaire" }).waitFor(WAIT);
      expect(await shownCampaigns(frame)).toEqual(expectedRows(list));
      // This year's is open: its actions, and who has not answered, as the API lists them.
      const open = frame.getByTestId("open-campaign");
      expect(await open.getAttribute("data-year")).toBe(String(THIS_YEAR));
      for (const name of ["Download links for a mail merge", "Send in Teams", "Close the questionnaire"]) expect(await open.getByRole("button", { name, exact: true }).count(), name).toBe(1);
      const waiting = await reminders(THIS_YEAR);
      await open.getByTestId("reminder-count").waitFor(WAIT);
      expect(await open.getByTestId("reminder-count").getAttribute("data-value")).toBe(String(waiting.length));
      expect(await open.getByTestId("reminder-list").locator("li").count()).toBe(waiting.length);
      // The next year to open.
      expect(await frame.getByTestId("open-next").getAttribute("data-year")).toBe(String(THIS_YEAR + 1));

      // As other staff do, the newest published baseline: last year's (this year's is not published).
      await frame.getByTestId("baseline").waitFor(WAIT);
      const baseline = await tab.api<BaselineView>(ADMIN, `/api/diversity/baseline?year=${LAST_YEAR}`);
      expect(baseline.published).not.toBeNull();
      expect(await frame.getByTestId("baseline").getAttribute("data-year")).toBe(String(LAST_YEAR));
      // No analyst's part: no publishing, no engagement list.
      for (const testId of ["campaign", "engagement", "publish-state"]) expect(await frame.getByTestId(testId).count(), testId).toBe(0);

      expect(await seriousViolations(frame, theme === "default" ? undefined : COLOUR_RULES)).toEqual([]);
      await keepScreenshot(host, `diversity-admin-1280-${theme}`);
      await host.page.setViewportSize(SIDE_PANEL);
      await showView(frame, ADMIN_VIEW);
      expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIDE_PANEL.width);
      await keepScreenshot(host, `diversity-admin-320-${theme}`);
      // The part on its own, to read at that width.
      await part.screenshot({ path: join(SCREENSHOTS, `diversity-admin-run-320-${theme}.png`), animations: "disabled" });
      await host.page.close();
    }, 120_000);
  }

  it("downloads the links for a mail merge: a row for each business the reminders API lists as still to answer, none for one that has answered", async () => {
    const waiting = await reminders(THIS_YEAR);
    expect(waiting.length).toBeGreaterThan(0);
    const current = (await campaigns()).find((c) => c.year === THIS_YEAR);
    const { host, frame } = await openDiversity(ADMIN, ADMIN_VIEW);
    const open = frame.getByTestId("open-campaign");

    const save = async (button: string) => {
      const downloading = host.page.waitForEvent("download", WAIT);
      await open.getByRole("button", { name: button, exact: true }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe(`diversity-links-${THIS_YEAR}.csv`);
      const [header, ...rows] = parseCsv(readFileSync(await download.path()).toString("utf8"));
      expect(header).toEqual(["Supplier", "Contact name", "Contact email", "Link", "Closes"]);
      return rows;
    };
    const reminderRows = await save("Download links for a mail merge");
    expect(reminderRows.map((r) => r[0]).sort()).toEqual(waiting.map((r) => r.supplierName).sort());
    expect(reminderRows.map((r) => [r[0], r[1], r[2]]).sort()).toEqual(waiting.map((r) => [r.supplierName, r.contactName ?? "", r.contactEmail ?? ""]).sort());
    // Each a link of its own to the form.
    expect(new Set(reminderRows.map((r) => r[3])).size).toBe(reminderRows.length);
    for (const row of reminderRows) expect(row[3]).toMatch(/^https?:\/\/[^/]+\/diversity\/[A-Za-z0-9_-]{43}$/);
    expect(reminderRows.length).toBe((current?.invited ?? 0) - (current?.answered ?? 0));
    await host.page.close();
  }, 120_000);

  it("presses Send in Teams and reads the bot's answer in words: the demo has no chats, so every business that has not answered is to be e-mailed", async () => {
    const current = (await campaigns()).find((c) => c.year === THIS_YEAR);
    const waiting = await reminders(THIS_YEAR);
    expect(waiting.length).toBe((current?.invited ?? 0) - (current?.answered ?? 0));
    const { host, frame } = await openDiversity(ADMIN, ADMIN_VIEW);
    const open = frame.getByTestId("open-campaign");
    const sent = tab.requests.filter((r) => r.url.endsWith(`/api/diversity/campaigns/${THIS_YEAR}/teams-invitations`)).length;
    await open.getByRole("button", { name: "Send in Teams", exact: true }).click();
    const answer = frame.getByTestId("teams-sent");
    await answer.waitFor(WAIT);
    expect(tab.requests.filter((r) => r.url.endsWith(`/api/diversity/campaigns/${THIS_YEAR}/teams-invitations`)).length).toBe(sent + 1);
    await answer.getByText("Nothing new to send in Teams").waitFor(WAIT);
    const lines = await answer.locator("li").evaluateAll((items) => items.map((li) => ({ kind: li.getAttribute("data-kind"), count: li.getAttribute("data-count"), text: (li.textContent ?? "").trim() })));
    expect(lines).toEqual([{ kind: "withoutTeams", count: String(waiting.length), text: `${whole.format(waiting.length)} businesses have no Teams chat with the TOMs Suite: send them their links by e-mail instead (Download links for a mail merge).` }]);
    expect(await frame.getByTestId("teams-failed").count()).toBe(0);
    expect(await seriousViolations(frame)).toEqual([]);
    await keepScreenshot(host, "diversity-admin-teams-sent-1280-default");
    await host.page.close();
  }, 120_000);

  it("closes this year's questionnaire after a confirmation that its links stop working, then opens next year's with a closing date", async () => {
    const { host, frame } = await openDiversity(ADMIN, ADMIN_VIEW);
    const open = frame.getByTestId("open-campaign");
    await open.getByRole("button", { name: "Close the questionnaire", exact: true }).click();
    const closing = frame.getByRole("dialog", { name: `Close the ${THIS_YEAR} questionnaire now?` });
    await closing.waitFor(WAIT);
    await closing.getByText(`Every link to the ${THIS_YEAR} questionnaire stops working at once`).waitFor(WAIT);
    // Kept open first: nothing is asked of the service.
    const closes = () => tab.requests.filter((r) => r.url.endsWith(`/campaigns/${THIS_YEAR}/close`)).length;
    const before = closes();
    await closing.getByRole("button", { name: "Keep it open" }).click();
    await closing.waitFor({ ...WAIT, state: "hidden" });
    expect(closes()).toBe(before);
    await open.getByRole("button", { name: "Close the questionnaire", exact: true }).click();
    await closing.getByRole("button", { name: "Close it" }).click();
    await closing.waitFor({ ...WAIT, state: "hidden" });
    await frame.getByTestId("run-notice").getByText(`The ${THIS_YEAR} questionnaire is closed`).waitFor(WAIT);
    await expect.poll(async () => (await campaigns()).find((c) => c.year === THIS_YEAR)?.status, WAIT).toBe("closed");
    await expect.poll(() => frame.getByTestId("open-campaign").count(), WAIT).toBe(0);
    await expect.poll(() => shownCampaigns(frame), WAIT).toEqual(expectedRows(await campaigns()));

    // Next year's: a closing date is needed, then a confirmation saying who is invited.
    const next = frame.getByTestId("open-next");
    const year = THIS_YEAR + 1;
    await next.getByRole("button", { name: `Open the ${year} questionnaire` }).click();
    await next.getByText("Choose the day the questionnaire closes.").waitFor(WAIT);
    const day = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await next.getByLabel("Closes on").fill(day);
    await next.getByRole("button", { name: `Open the ${year} questionnaire` }).click();
    const opening = frame.getByRole("dialog", { name: `Open the ${year} questionnaire?` });
    await opening.waitFor(WAIT);
    await opening.getByText(`The SMEs in the council's supplier register that are in the council's area will be invited to the ${year} questionnaire`).waitFor(WAIT);
    await opening.getByRole("button", { name: "Open it" }).click();
    await opening.waitFor({ ...WAIT, state: "hidden" });
    const opened = (await campaigns()).find((c) => c.year === year);
    expect(opened).toMatchObject({ status: "open" });
    // It closes at the end of the chosen day, UK time.
    expect(longDate.format(new Date(opened?.closesAt ?? ""))).toBe(longDate.format(new Date(`${day}T12:00:00Z`)));
    expect(new Date(Date.parse(opened?.closesAt ?? "") + 1000).toLocaleString("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })).toBe("00:00");
    await frame.getByTestId("run-notice").getByText(`The ${year} questionnaire is open until ${longDate.format(new Date(opened?.closesAt ?? ""))}: ${whole.format(opened?.invited ?? 0)} businesses are invited.`).waitFor(WAIT);
    expect(await frame.getByTestId("open-campaign").getAttribute("data-year")).toBe(String(year));
    await host.page.close();
  }, 120_000);
});

describe("the pages", () => {
  it("threw no error, and sent nothing off the machine", () => {
    expect(tab.pageErrors).toEqual([]);
    expect(requestsOffTheMachine(tab.requests)).toEqual([]);
  });
});
