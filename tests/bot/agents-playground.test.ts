// Agents Playground as tests/support/agents-playground.ts starts it, driven through its web page in
// Chromium, with a minimal bot of this file's own on the real botbuilder seam: what the Playground
// sends on the wire, and the selectors the bot's end-to-end test relies on.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer as createNetServer, type Server as NetServer } from "node:net";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBotSeam, type IncomingActivity, type InvokeAnswer, type Turn } from "@toms/bot";
import { freePort } from "@toms/storage";
import { startAgentsPlayground, type RunningPlayground } from "../support/agents-playground.js";
import { launchTestBrowser } from "../support/browser.js";

const TENANT = "6d3a1c2e-5b7f-4a5b-9c8d-0123456789ab";
const USER = { aadObjectId: "4f1e2d3c-9a8b-4b6a-8d9e-abcdefabcdef", name: "Sam Patel", email: "sam.patel@example.gov.uk" };

const UPDATE_CARD = {
  type: "AdaptiveCard",
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  version: "1.5",
  body: [
    { type: "TextBlock", text: "How many local people did you employ this month?", wrap: true },
    { type: "Input.Number", id: "value", label: "Number of people", min: 0 },
  ],
  actions: [{ type: "Action.Execute", title: "Send update", verb: "submitUpdate", data: { dispatchId: "x" } }],
};

/** The Playground's selectors (its Fluent UI component classes, not the hashed ones). */
const MESSAGE_BOX = '[data-lexical-editor="true"][role="textbox"]';
/** One bot message, text or card; the log panel on the right repeats texts, so never search the whole page. */
const BOT_MESSAGE = ".fai-OutputCard";

describe("Agents Playground with a minimal bot, through its web page", () => {
  const seen: IncomingActivity[] = [];
  const outside: string[] = [];
  const seam = createBotSeam();
  let reference: Record<string, unknown> | undefined;
  let server: Server;
  let playground: RunningPlayground;
  let browser: BrowserContext;
  let page: Page;
  let profile: string;

  const onTurn = async (turn: Turn): Promise<InvokeAnswer | void> => {
    seen.push(turn.activity);
    reference = turn.reference();
    const { type, text, value } = turn.activity;
    if (type === "message" && text === "status") await turn.send({ type: "message", text: "All your updates are in. Nothing is due." });
    if (type === "message" && text === "card") await turn.send({ type: "message", card: UPDATE_CARD, summary: "Your update is due" });
    if (type === "invoke") {
      const people = (value as { action?: { data?: { value?: unknown } } }).action?.data?.value;
      const card = { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: `Thank you. We recorded ${String(people)} people.`, wrap: true }] };
      return { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: card };
    }
  };

  const botMessage = (text: string) => page.locator(BOT_MESSAGE).filter({ hasText: text });

  beforeAll(async () => {
    const app = express();
    app.post("/api/messages", express.json(), (req, res, next) => {
      seam.process(req, res, onTurn).catch(next);
    });
    const botPort = await freePort();
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(botPort, "127.0.0.1", () => resolve(listening));
    });
    playground = await startAgentsPlayground({ botEndpoint: `http://127.0.0.1:${botPort}/api/messages`, user: USER, tenantId: TENANT });
    profile = mkdtempSync(join(tmpdir(), "toms-playground-browser-"));
    browser = await launchTestBrowser(profile);
    // It asks a CDN for Segoe UI and an animation script: refused here, and harmless.
    await browser.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === "127.0.0.1" || url.hostname === "localhost") return route.continue();
      outside.push(url.href);
      return route.abort();
    });
    page = await browser.newPage();
    await page.goto(playground.url);
    await page.locator(MESSAGE_BOX).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await playground?.stop();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("installs the bot in the personal chat when the page opens, as the configured user and tenant", async () => {
    await expect.poll(() => seen.map((a) => a.type)).toEqual(["installationUpdate", "conversationUpdate"]);
    const [install, update] = seen;
    expect(install).toMatchObject({ action: "add", channelId: "msteams", from: { id: "user-id-0", aadObjectId: USER.aadObjectId }, conversation: { id: playground.conversationId, conversationType: "personal", tenantId: TENANT }, channelData: { tenant: { id: TENANT } } });
    expect(update?.membersAdded?.map((m) => m.id)).toEqual(["user-id-0", "28:toms-bot"]);
    expect(install?.from.name).toBeUndefined(); // only messages and invokes carry the user's name
    expect(install?.serviceUrl).toBe(`${playground.url.replace("127.0.0.1", "localhost")}/_connector`);
  });

  it("sends what is typed in the message box to the bot and shows its text reply", async () => {
    await page.locator(MESSAGE_BOX).click();
    await page.keyboard.type("status");
    await page.keyboard.press("Enter");
    await botMessage("All your updates are in. Nothing is due.").waitFor();
    expect(seen.find((a) => a.type === "message")).toMatchObject({ text: "status", from: { id: "user-id-0", name: USER.name, aadObjectId: USER.aadObjectId }, conversation: { id: playground.conversationId } });
  });

  it("renders an Adaptive Card, sends its Action.Execute with the input, and replaces the card with the invoke's answer", async () => {
    await page.locator(MESSAGE_BOX).click();
    await page.keyboard.type("card");
    await page.getByRole("button", { name: "Send Message" }).click();
    const card = botMessage("How many local people").locator(".ac-adaptiveCard");
    await card.getByRole("spinbutton", { name: "Number of people" }).fill("42");
    await card.getByRole("button", { name: "Send update" }).click();

    await botMessage("Thank you. We recorded 42 people.").waitFor();
    const invoke = seen.find((a) => a.type === "invoke");
    expect(invoke).toMatchObject({ name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: "submitUpdate", data: { dispatchId: "x", value: "42" } } } });
    expect(invoke?.replyToId).toBeTruthy();
    await expect.poll(() => botMessage("How many local people").count()).toBe(0);
    expect(await page.locator(`${BOT_MESSAGE} input`).count()).toBe(0);
  });

  it("takes a proactive message to the stored conversation (no reply-to) and shows it", async () => {
    const sent = await seam.send(reference!, { type: "message", text: "A reminder: your update for March is due on Friday." });
    expect(sent.activityId).toBeTruthy();
    await botMessage("A reminder: your update for March is due on Friday.").waitFor();
  });

  it("starts the page empty on reload, and installs the bot again in the same conversation", async () => {
    const before = seen.length;
    await page.reload();
    await expect.poll(() => seen.slice(before).map((a) => [a.type, a.conversation.id])).toEqual([
      ["installationUpdate", playground.conversationId],
      ["conversationUpdate", playground.conversationId],
    ]);
    expect(await page.locator(BOT_MESSAGE).count()).toBe(0);
  });

  it("asks nothing of the network but its CDN fonts and animations", () => {
    expect(outside.every((url) => url.startsWith("https://res-1.cdn.office.net/"))).toBe(true);
  });
});

describe("startAgentsPlayground", () => {
  it("refuses a port that is taken rather than take another", async () => {
    const taken: NetServer = createNetServer();
    const port = await new Promise<number>((resolve) => taken.listen(0, () => resolve((taken.address() as { port: number }).port)));
    try {
      await expect(startAgentsPlayground({ botEndpoint: "http://127.0.0.1:9/api/messages", user: USER, tenantId: TENANT, port })).rejects.toThrow(`could not have port ${port}`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it("ends it on stop", async () => {
    const playground = await startAgentsPlayground({ botEndpoint: "http://127.0.0.1:9/api/messages", user: USER, tenantId: TENANT });
    expect(await fetch(`${playground.url}/_debug/ping`).then((r) => r.text())).toBe("pong");
    await playground.stop();
    await expect(fetch(`${playground.url}/_debug/ping`)).rejects.toThrow();
  });
});
