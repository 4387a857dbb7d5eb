// The bot end to end: the real service and Microsoft 365 Agents Playground, driven through its web
// page in Chromium as a supplier's contact would use Teams: the greeting on install, typed
// commands, a prompt pass's card, and the update sent from it, read back through the API.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodLabel } from "@toms/domain";
import { startAgentsPlayground, type RunningPlayground } from "../support/agents-playground.js";
import { addContact, askedFor, botPortfolio, type BotPortfolio } from "../support/bot-portfolio.js";
import { launchTestBrowser } from "../support/browser.js";
import { readUpdates } from "../support/delivery-fixtures.js";
import { startTestService, type TestService } from "../support/service.js";
import { chatPerson, TENANT_ID, type ChatPerson } from "../support/teams-chat.js";

/** Where the screenshots are kept (test-results/ is not committed). */
const SCREENSHOTS = join(import.meta.dirname, "..", "..", "test-results", "bot");
/** The Playground's message box (a Lexical editor). */
const MESSAGE_BOX = '[data-lexical-editor="true"][role="textbox"]';
/** One bot message, text or card; the log panel repeats texts, so never search the whole page. */
const BOT_MESSAGE = ".fai-OutputCard";
/** Long enough for a cold service's first answers, never a pause. */
const WAIT = { timeout: 20_000 };

describe("the bot in Agents Playground, with the real service", () => {
  let service: TestService;
  let portfolio: BotPortfolio;
  let ana: ChatPerson;
  let playground: RunningPlayground;
  let browser: BrowserContext;
  let page: Page;
  let profile: string;
  /** Every request of the page, and whether it was let through (to this machine) or refused. */
  const requests: { url: string; fate: "local" | "refused" }[] = [];

  const botMessages = () => page.locator(BOT_MESSAGE);
  const botMessage = (text: string | RegExp) => botMessages().filter({ hasText: text });

  /** Types `text` in the message box and resolves with the bot's next message. */
  const say = async (text: string): Promise<Locator> => {
    const before = await botMessages().count();
    await page.locator(MESSAGE_BOX).click();
    await page.keyboard.type(text);
    await page.keyboard.press("Enter");
    const reply = botMessages().nth(before);
    await reply.waitFor(WAIT);
    return reply;
  };

  beforeAll(async () => {
    // No scheduled passes: the test runs the admin's pass when it wants the cards.
    service = await startTestService({ TOMS_BOT_PASS_MINUTES: "0" });
    portfolio = await botPortfolio(service, { contactCount: 0 });
    ana = chatPerson("Ana Silva", `ana.${crypto.randomUUID().slice(0, 6)}@supplier.example`);
    await addContact(service, portfolio.people.admin, portfolio.supplierId, ana);
    playground = await startAgentsPlayground({ botEndpoint: `${service.url}/api/messages`, user: { aadObjectId: ana.aadObjectId, name: ana.name, email: ana.email as string }, tenantId: TENANT_ID });
    profile = mkdtempSync(join(tmpdir(), "toms-playground-browser-"));
    browser = await launchTestBrowser(profile);
    await browser.route("**/*", (route) => {
      const url = new URL(route.request().url());
      const local = url.hostname === "127.0.0.1" || url.hostname === "localhost";
      requests.push({ url: url.href, fate: local ? "local" : "refused" });
      return local ? route.continue() : route.abort();
    });
    page = await browser.newPage();
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(playground.url);
    await page.locator(MESSAGE_BOX).waitFor(WAIT);
  });

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await playground?.stop();
    await service?.close();
  });

  it("greets Ana on install with what she owes", async () => {
    const greeting = botMessage("Hello Ana Silva");
    await greeting.first().waitFor(WAIT);
    await expect.poll(() => greeting.first().innerText()).toContain(portfolio.contract.reference);
    expect(await greeting.first().innerText()).toContain(portfolio.kpis[0]?.title);
  });

  it("lists what she owes when she types status", async () => {
    const reply = await say("status");
    const text = await reply.innerText();
    expect(text).toContain("You owe:");
    // The markdown list is shown as a list: one item for each update asked for (every month ended).
    expect(await reply.locator("li").count()).toBe(askedFor(portfolio).length);
    expect(await reply.locator("li").first().innerText()).toContain(portfolio.contract.reference);
  });

  it("offers the nearest command for a misspelt one", async () => {
    const reply = await say("stauts");
    expect(await reply.innerText()).toContain("Did you mean status?");
  });

  it("shows the pass's update card, and replaces it with what was submitted, stored once", async () => {
    const response = await service.call("/api/admin/prompts/run", { method: "POST", token: portfolio.people.admin });
    expect(response.status).toBe(200);
    const summary = (await response.json()) as { sent: number; failed: number };
    expect(summary.sent).toBeGreaterThan(0);
    expect(summary.failed).toBe(0);

    const card = botMessages().filter({ has: page.getByRole("spinbutton") }).first().locator(".ac-adaptiveCard");
    await card.waitFor(WAIT);
    // The input's label names the month it asks for (and the unit): "Value for September 2026 (%)".
    const month = /Value for (\w+ \d{4})/.exec(await card.innerText())?.[1];
    expect(month).toBeTruthy();
    const input = card.getByRole("spinbutton", { name: new RegExp(`^Value for ${month}`) });
    await input.fill("93.5");
    const bubbles = await botMessages().count();
    await card.getByRole("button", { name: "Send update" }).click();

    const submitted = botMessage(`Submitted: 93.5 for ${month}, by Ana Silva,`);
    await submitted.waitFor(WAIT);
    // Replaced in place: the card that asked for the month has gone, and no message was added.
    await expect.poll(() => botMessages().filter({ has: page.getByRole("spinbutton", { name: new RegExp(`^Value for ${month}`) }) }).count()).toBe(0);
    expect(await botMessages().count()).toBe(bubbles);

    const kpiId = portfolio.kpis[0]?.id as string;
    const updates = await readUpdates(service, portfolio.people.admin, portfolio.contract.id, kpiId);
    expect(updates.map((u) => [periodLabel(u.period), u.value, u.submittedByName])).toEqual([[month, 93.5, "Ana Silva"]]);
  });

  it("looks right, and asked nothing of anywhere but this machine", async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, "playground-e2e.png"), fullPage: true });
    expect(requests.filter((r) => r.fate === "local").length).toBeGreaterThan(0);
    // The page asks Microsoft's CDN for Segoe UI and an animation script (PLAYGROUND.md); refused, and nothing else was asked.
    expect(requests.filter((r) => r.fate === "refused" && !r.url.startsWith("https://res-1.cdn.office.net/"))).toEqual([]);
  });
});
