// The tests' Bot Connector stand-in (tests/support/bot-connector.ts): what it records, the faults it
// answers on cue, and Teams' rate limits it reports or enforces. Driven with fetch, and once with the
// bot's own seam (botbuilder's CloudAdapter), so the stand-in speaks what the bot really sends.
import { afterEach, describe, expect, it } from "vitest";
import { createBotSeam, noticeCard, SendFailure } from "@toms/bot";
import { startBotConnector, type BotConnector } from "../support/bot-connector.js";

const open: BotConnector[] = [];

async function connector(options?: Parameters<typeof startBotConnector>[0]): Promise<BotConnector> {
  const started = await startBotConnector(options);
  open.push(started);
  return started;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

/** POSTs an activity to a conversation (a reply when `replyTo` is given), as the connector client does. */
async function send(c: BotConnector, conversationId: string, activity: Record<string, unknown> = { type: "message", text: "Hello" }, replyTo?: string): Promise<Response> {
  const path = `v3/conversations/${encodeURIComponent(conversationId)}/activities${replyTo ? `/${encodeURIComponent(replyTo)}` : ""}`;
  return fetch(new URL(path, c.url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
}

/** Sends `n` activities one after another (each waits for the last's answer) and gives their statuses. */
async function burst(c: BotConnector, n: number, conversationOf: (i: number) => string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    const response = await send(c, conversationOf(i), { type: "message", text: `Message ${i + 1}` });
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  return statuses;
}

describe("the Bot Connector stand-in", () => {
  it("records each send with its decoded conversation id and dispatch id, and answers a new activity id", async () => {
    const c = await connector();
    expect(c.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const conversationId = "a:1Xy_Z;messageid=1700000000000";
    const card = { type: "message", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: { refresh: { action: { type: "Action.Execute", data: { dispatchId: "d-card" } } } } }] };
    const first = await send(c, conversationId, card);
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    expect(id).toEqual(expect.any(String));
    const second = await send(c, "19:channel@thread.tacv2", { type: "message", text: "Plain", channelData: { dispatchId: "d-channel" } });
    const { id: secondId } = (await second.json()) as { id: string };
    expect(secondId).not.toBe(id);
    await (await send(c, conversationId)).arrayBuffer();

    const all = c.received();
    expect(all.map((r) => [r.conversationId, r.kind, r.status, r.dispatchId])).toEqual([
      [conversationId, "send", 201, "d-card"],
      ["19:channel@thread.tacv2", "send", 201, "d-channel"],
      [conversationId, "send", 201, undefined],
    ]);
    expect(all[0]?.id).toBe(id);
    expect(all[1]?.activity).toMatchObject({ text: "Plain" });
    expect(all.every((r) => typeof r.at === "number")).toBe(true);
    expect(c.delivered()).toEqual(all);
  });

  it("takes replies and updates, creates conversations, and answers 404 to anything else", async () => {
    const c = await connector();
    const reply = await send(c, "a:1", { type: "message", text: "Thanks" }, "activity;7");
    expect(reply.status).toBe(201);
    const update = await fetch(new URL(`v3/conversations/${encodeURIComponent("a:1")}/activities/${encodeURIComponent("activity;7")}`, c.url), { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ type: "message", text: "Edited" }) });
    expect(update.status).toBe(200);
    expect(await update.json()).toEqual({ id: "activity;7" });
    const created = await fetch(new URL("v3/conversations", c.url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ members: [{ id: "29:user" }] }) });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ id: expect.any(String) });
    for (const [method, path] of [["GET", "v3/conversations/a%3A1/activities"], ["DELETE", "v3/conversations/a%3A1/activities/x"], ["POST", "v3/conversations/a%3A1/members"], ["POST", "api/messages"]] as const) {
      const other = await fetch(new URL(path, c.url), { method });
      await other.arrayBuffer();
      expect(other.status, `${method} ${path}`).toBe(404);
    }
    expect(c.received().map((r) => [r.kind, r.conversationId, r.replyToId, r.updatedId, r.status])).toEqual([
      ["reply", "a:1", "activity;7", undefined, 201],
      ["update", "a:1", undefined, "activity;7", 200],
    ]);
  });

  it("answers the next sends with a fault on cue: 429 with Retry-After 3 twice, then accepts", async () => {
    const c = await connector();
    c.failNext(2, 429, 3);
    const answers: [number, string | null][] = [];
    for (let i = 0; i < 3; i++) {
      const response = await send(c, "a:1");
      await response.arrayBuffer();
      answers.push([response.status, response.headers.get("retry-after")]);
    }
    expect(answers).toEqual([[429, "3"], [429, "3"], [201, null]]);
    expect(c.received().map((r) => r.status)).toEqual([429, 429, 201]);
    expect(c.delivered()).toHaveLength(1);
    c.failNext(1, 503);
    const unavailable = await send(c, "a:1");
    expect([unavailable.status, unavailable.headers.get("retry-after")]).toEqual([503, null]);
  });

  it("fails a share of sends, spread evenly, the same ones for the same seed", async () => {
    const statusesFor = async (seed: number): Promise<number[]> => {
      const c = await connector();
      c.failFraction(0.05, 429, 2, seed);
      return burst(c, 200, (i) => `a:${i}`);
    };
    const first = await statusesFor(42);
    const again = await statusesFor(42);
    const other = await statusesFor(7);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    // 5% of 200 is 10, whatever the seed.
    expect(first.filter((s) => s === 429)).toHaveLength(10);
    expect(other.filter((s) => s === 429)).toHaveLength(10);
    expect(first.filter((s) => s === 201)).toHaveLength(190);
  });

  it("enforcing the limits, answers 429 Retry-After 1 to the 8th send in a second to one conversation and does not deliver it", async () => {
    const c = await connector({ enforceLimits: true });
    const statuses = await burst(c, 8, () => "a:busy");
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 201, 429]);
    const throttled = await send(c, "a:busy");
    expect([throttled.status, throttled.headers.get("retry-after")]).toEqual([429, "1"]);
    // Another conversation has its own windows.
    expect((await send(c, "a:quiet")).status).toBe(201);
    expect(c.delivered().filter((r) => r.conversationId === "a:busy")).toHaveLength(7);
    expect(c.limitsBroken()).toEqual([]);
  });

  it("enforcing the limits, answers 429 to the 51st send in a second for the whole app", async () => {
    const c = await connector({ enforceLimits: true });
    // All at once, one conversation each, so only the app's limit applies and they land together.
    const responses = await Promise.all(Array.from({ length: 51 }, (_, i) => send(c, `a:${i}`)));
    await Promise.all(responses.map((r) => r.arrayBuffer()));
    expect(responses.filter((r) => r.status === 429)).toHaveLength(1);
    expect(c.received().map((r) => r.status)).toEqual([...Array<number>(50).fill(201), 429]);
    expect(c.limitsBroken()).toEqual([]);
  });

  it("not enforcing them, accepts every send and reports each one that broke a limit", async () => {
    const c = await connector();
    expect(await burst(c, 8, () => "a:busy")).toEqual(Array<number>(8).fill(201));
    expect(c.limitsBroken()).toEqual([expect.stringMatching(/8 sends to conversation a:busy within 1 s \(Teams allows 7\)/)]);
    await burst(c, 43, (i) => `a:${i}`);
    const broken = c.limitsBroken();
    expect(broken).toHaveLength(2);
    expect(broken[1]).toMatch(/^Request 51 .*51 sends to the app as a whole within 1 s \(Teams allows 50\)/);
  });

  it("waits for what a test expects, and gives up after its timeout", async () => {
    const c = await connector();
    const waiting = c.waitFor((all) => all.length === 2);
    await burst(c, 2, () => "a:1");
    expect(await waiting).toHaveLength(2);
    await expect(c.waitFor((all) => all.length === 3, 50)).rejects.toThrow(/did not receive/);
  });

  it("receives the bot's own proactive sends and makes the bot see its faults", async () => {
    const c = await connector();
    const seam = createBotSeam();
    const conversationId = "a:1Xy_Z;messageid=1700000000000";
    const reference = { serviceUrl: c.url, channelId: "msteams", conversation: { id: conversationId, conversationType: "personal" }, bot: { id: "28:toms-bot", name: "TOMs" }, user: { id: "29:supplier" } };
    const card = noticeCard({ heading: "Local jobs", contract: "C-001 Highways", message: "An update is owed.", refresh: { userIds: ["29:supplier"], dispatchId: "dispatch-1", contractId: "contract-1" } });
    const sent = await seam.send(reference, { type: "message", card, summary: "C-001: Local jobs" });
    const [received] = c.delivered();
    expect(sent.activityId).toBe(received?.id);
    expect(received).toMatchObject({ conversationId, kind: "send", status: 201, dispatchId: "dispatch-1" });

    c.failNext(1, 429, 3);
    const failure = await seam.send(reference, { type: "message", text: "Hello" }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SendFailure);
    expect(failure).toMatchObject({ status: 429, retryAfterSeconds: 3 });
    // The adapter's own retries are off: one request, not several.
    expect(c.received()).toHaveLength(2);
  });
});
