// The bot's handler driven through botbuilder's TestAdapter and the seam (runTurn), over the test
// run's Azurite: installs, chat commands, and the cards' submit, refresh and review actions.
import { afterAll, describe, expect, inject, it } from "vitest";
import MarkdownIt from "markdown-it";
import { TestAdapter, type Activity } from "botbuilder";
import { createAppDeps, createKpi, promptsForUser, recordUpdate, type AppDeps } from "@toms/app";
import { DEFAULT_MONEY_LABEL, PROMPT_KINDS, type Principal, type Prompt } from "@toms/domain";
import { connectStorage, type Storage } from "@toms/storage";
import { runTurn } from "./adapter.js";
import { createBotHandler } from "./handler.js";
import { promptActivity } from "./prompt-activity.js";
import type { InvokeAnswer } from "./seam.js";

declare module "vitest" {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}

const opened: Storage[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});

// Monday 20 April 2026, 11:00 in the UK. The monthly KPI's March update fell due on 14 April.
const NOW = new Date("2026-04-20T10:00:00.000Z");
const TENANT = "tenant-1";
const MANAGER = "6f1c2a1e-0000-4000-a000-000000000001";
const ANA = "6f1c2a1e-0000-4000-a000-0000000000aa";
const BO = "6f1c2a1e-0000-4000-a000-0000000000bb";
const admin: Principal = { userId: "rob.amor", name: "Rob Amor", roles: ["admin"] };

interface World {
  storage: Storage;
  deps: AppDeps;
  contractId: string;
  kpiId: string;
  supplierId: string;
}

async function fresh(): Promise<World> {
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const storage = await connectStorage({ connectionString: inject("azuriteConnectionString"), dataDir: "unused", tablePrefix: `b${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`, log });
  opened.push(storage);
  const deps = createAppDeps(storage, { moneyLabel: DEFAULT_MONEY_LABEL, now: () => NOW });
  const supplier = await storage.suppliers.create({ name: "Beta Ltd", vcse: false });
  await storage.suppliers.addContact(supplier.id, { email: "ana@beta.example", name: "Ana Silva", aadObjectId: ANA });
  await storage.suppliers.addContact(supplier.id, { email: "bo@beta.example", name: "Bo Li", aadObjectId: BO });
  const contract = await storage.contracts.create({ reference: "CCC-BOT-1", title: "Waste collection", supplierId: supplier.id, category: "services", value: 100_000, startDate: "2026-03-01", endDate: "2027-12-31", managerId: MANAGER, managerName: "Tom Brennan", serviceArea: "Environment" });
  const early = createAppDeps(storage, { moneyLabel: DEFAULT_MONEY_LABEL, now: () => new Date("2026-03-02T10:00:00.000Z") });
  const kpi = await createKpi(early, admin, contract.id, { title: "Bins collected on the scheduled day", unit: "%", target: 98, direction: "higher", frequency: "monthly", reporter: "supplier" });
  if (!kpi.ok) throw new Error(kpi.message);
  return { storage, deps, contractId: contract.id, kpiId: kpi.value.id, supplierId: supplier.id };
}

type Card = Record<string, unknown> & { body: Record<string, unknown>[]; actions?: { verb?: string; data?: Record<string, unknown> }[] };

/** One activity through the TestAdapter and runTurn: what the bot sent, and an invoke's answer. */
async function send(world: World, activity: Partial<Activity>): Promise<{ texts: string[]; cards: Card[]; answer?: InvokeAnswer; formats: (string | undefined)[] }> {
  const handler = createBotHandler(world.deps);
  const sent: Partial<Activity>[] = [];
  const adapter = new TestAdapter(async () => undefined);
  await adapter.processActivity({ channelId: "msteams", conversation: { id: `a:${String(activity.from?.id)}`, tenantId: TENANT } as never, channelData: { tenant: { id: TENANT } }, recipient: { id: "28:bot", name: "TOMs" }, ...activity }, async (context) => {
    context.onSendActivities(async (_context, activities, next) => {
      sent.push(...activities);
      return next();
    });
    await runTurn(context, handler);
  });
  const messages = sent.filter((a) => a.type === "message");
  const invoke = sent.find((a) => a.type === "invokeResponse") as { value?: { body?: InvokeAnswer } } | undefined;
  return {
    texts: messages.flatMap((a) => (a.text ? [a.text] : [])),
    formats: messages.map((a) => a.textFormat),
    cards: messages.flatMap((a) => (a.attachments ?? []).map((x) => x.content as Card)),
    answer: invoke?.value?.body,
  };
}

const person = (id: string, name: string) => ({ id: `29:${id}`, name, aadObjectId: id });
const say = (world: World, who: { id: string; name: string; aadObjectId: string }, text: string) => send(world, { type: "message", text, from: who });
const invoke = (world: World, who: { id: string; name: string; aadObjectId: string }, verb: string, data: Record<string, unknown>) =>
  send(world, { type: "invoke", name: "adaptiveCard/action", from: who, value: { action: { type: "Action.Execute", verb, data } } });

/** Every TextBlock's and Fact's text in a card. */
function textsOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(textsOf);
  if (!node || typeof node !== "object") return [];
  const o = node as Record<string, unknown>;
  const own = o["type"] === "TextBlock" && typeof o["text"] === "string" ? [o["text"]] : typeof o["title"] === "string" && typeof o["value"] === "string" && !o["type"] ? [o["value"]] : [];
  return [...own, ...Object.values(o).flatMap(textsOf)];
}

function inputsOf(card: Card): Record<string, unknown>[] {
  return card.body.filter((e) => typeof e["type"] === "string" && (e["type"] as string).startsWith("Input."));
}

/** What Teams sends for Action.Execute: the action's data with the inputs' values. */
function pressed(card: Card, verb: string, inputs: Record<string, string>): Record<string, unknown> {
  const action = card.actions?.find((a) => a.verb === verb);
  if (!action) throw new Error(`The card has no ${verb} action.`);
  return { ...action.data, ...inputs };
}

const ana = person(ANA, "Ana Silva");
const tom = person(MANAGER, "Tom Brennan");
const stranger = person("6f1c2a1e-0000-4000-a000-0000000000ff", "Sam Stranger");
const markdown = new MarkdownIt();

async function updateCardFor(world: World, who = ana): Promise<Card> {
  const { cards } = await say(world, who, "update");
  const [card] = cards;
  if (!card) throw new Error("No update card.");
  return card;
}

async function stored(world: World) {
  return (await world.storage.delivery.read(world.contractId)).updates;
}

describe("installs", () => {
  it("greets a known supplier contact with what they owe, and keeps their chat", async () => {
    const world = await fresh();
    const { texts } = await send(world, { type: "installationUpdate", action: "add", from: ana });
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/^Hello Ana Silva\./);
    expect(texts[0]).toContain("CCC-BOT-1 Bins collected on the scheduled day: the update for March 2026, due 14 April 2026");
    expect(await world.storage.conversations.get(TENANT, ANA)).toMatchObject({ userId: ANA, supplierId: world.supplierId });
  });

  it("tells an unknown user who to ask for access", async () => {
    const world = await fresh();
    const { texts } = await send(world, { type: "installationUpdate", action: "add", from: stranger });
    expect(texts).toEqual([`Hello Sam Stranger. I do not know you yet as a supplier's contact or a contract manager. Ask ${world.deps.council.email} to add you, then write "status" to me.`]);
  });

  it("forgets the chat when the bot is removed", async () => {
    const world = await fresh();
    await send(world, { type: "installationUpdate", action: "add", from: ana });
    expect(await world.storage.conversations.get(TENANT, ANA)).toBeDefined();
    const { texts } = await send(world, { type: "installationUpdate", action: "remove", from: ana });
    expect(texts).toEqual([]);
    expect(await world.storage.conversations.get(TENANT, ANA)).toBeUndefined();
  });
});

describe("chat commands", () => {
  it("answers help, status, update and contracts", async () => {
    const world = await fresh();
    const help = await say(world, ana, "help");
    expect(help.texts[0]).toMatch(/^I ask you in chat for the KPI updates you owe/);
    expect(help.texts[0]).toContain("- **status**: what you owe now");
    const status = await say(world, ana, "status");
    expect(status.texts).toEqual(["You owe:\n- CCC-BOT-1 Bins collected on the scheduled day: the update for March 2026, due 14 April 2026"]);
    const contracts = await say(world, ana, "contracts");
    expect(contracts.texts).toEqual(["Contracts that owe something:\n- CCC-BOT-1 Waste collection"]);
    const update = await say(world, ana, "update");
    expect(update.texts).toEqual([]);
    expect(update.cards).toHaveLength(1);
    expect(textsOf(update.cards[0])).toContain("Bins collected on the scheduled day");
    expect(textsOf(update.cards[0])).toContain("March 2026");
    // Writing to the bot keeps the chat too.
    expect(await world.storage.conversations.get(TENANT, ANA)).toMatchObject({ userId: ANA });
  });

  it("offers the nearest command for a misspelt one, and help for anything else", async () => {
    const world = await fresh();
    expect((await say(world, ana, "stauts")).texts).toEqual(['Did you mean status? Write "help" for what I understand.']);
    const other = await say(world, ana, "thanks everyone");
    expect(other.texts[0]).toMatch(/^I ask you in chat for the KPI updates you owe/);
  });

  it("tells an unknown user who to ask, for any command", async () => {
    const world = await fresh();
    expect((await say(world, stranger, "status")).texts).toEqual([`I do not know you yet. Ask ${world.deps.council.email} to add you.`]);
  });
});

describe("the update card", () => {
  it("stores a submitted value and answers the card replaced with what was sent, by whom and when", async () => {
    const world = await fresh();
    const card = await updateCardFor(world);
    const { answer } = await invoke(world, ana, "submitUpdate", pressed(card, "submitUpdate", { value: "96.5", note: "", evidenceUrl: "" }));
    expect(answer).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    expect(textsOf(answer?.value)).toContain("Submitted: 96.5 for March 2026, by Ana Silva, 20 Apr 11:00. It now waits for the contract manager's review.");
    const updates = await stored(world);
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ kpiId: world.kpiId, period: "2026-03", value: 96.5, submittedBy: ANA, submittedByName: "Ana Silva", submittedAs: "supplier" });
  });

  it.each([
    ["a value that is not a number", "lots", "The value must be a number."],
    ["no value", "", "The value is required."],
  ])("answers %s with the same card and the error beside the field, storing nothing", async (_what, value, error) => {
    const world = await fresh();
    const card = await updateCardFor(world);
    const { answer } = await invoke(world, ana, "submitUpdate", pressed(card, "submitUpdate", { value, note: "Late bins in Earlsdon" }));
    const back = answer?.value as Card;
    const at = back.body.findIndex((e) => e["id"] === "value");
    expect(at).toBeGreaterThan(-1);
    expect(back.body[at + 1]).toMatchObject({ type: "TextBlock", text: error, color: "attention" });
    expect(back.actions?.map((a) => a.verb)).toEqual(["submitUpdate"]);
    expect(inputsOf(back).find((i) => i["id"] === "note")?.["value"]).toBe("Late bins in Earlsdon");
    expect(await stored(world)).toEqual([]);
  });

  it("records one update when the same card is sent twice", async () => {
    const world = await fresh();
    const card = await updateCardFor(world);
    const first = await invoke(world, ana, "submitUpdate", pressed(card, "submitUpdate", { value: "96.5" }));
    const again = await invoke(world, ana, "submitUpdate", pressed(card, "submitUpdate", { value: "96.5" }));
    expect(textsOf(again.answer?.value)).toEqual(textsOf(first.answer?.value));
    // The card pressed on another device, with another value: still the one update.
    const other = await invoke(world, ana, "submitUpdate", pressed(card, "submitUpdate", { value: "90" }));
    expect(textsOf(other.answer?.value)).toEqual(textsOf(first.answer?.value));
    expect(await stored(world)).toHaveLength(1);
    expect((await stored(world))[0]?.value).toBe(96.5);
  });

  it("keeps the card's submission key through a refresh", async () => {
    const world = await fresh();
    const card = await updateCardFor(world);
    const refresh = card["refresh"] as { action: { verb: string; data: Record<string, unknown> }; userIds: string[] };
    // Teams refreshes the card for the user MRIs listed: the chat's id for the user, not their Entra id.
    expect(refresh.userIds).toEqual([`29:${ANA}`]);
    const refreshed = (await invoke(world, ana, "refreshUpdate", refresh.action.data)).answer?.value as Card;
    expect(pressed(refreshed, "submitUpdate", {})).toEqual(pressed(card, "submitUpdate", {}));
  });

  it("tells a second contact, pressing their card, who answered already, storing nothing more", async () => {
    const world = await fresh();
    const bo = person(BO, "Bo Li");
    const [anas, bos] = [await updateCardFor(world), await updateCardFor(world, bo)];
    await invoke(world, ana, "submitUpdate", pressed(anas, "submitUpdate", { value: "96.5" }));
    const late = await invoke(world, bo, "submitUpdate", pressed(bos, "submitUpdate", { value: "90" }));
    expect(textsOf(late.answer?.value)).toContain("Answered by Ana Silva: 96.5 for March 2026, 20 Apr 11:00. Nothing more is needed.");
    expect(await stored(world)).toHaveLength(1);
  });

  it("shows who answered when the period was answered elsewhere", async () => {
    const world = await fresh();
    const card = await updateCardFor(world);
    const elsewhere = await recordUpdate(world.deps, { userId: BO, name: "Bo Li", roles: ["supplier"], supplierId: world.supplierId }, { contractId: world.contractId, kpiId: world.kpiId, idempotencyKey: "tab-1", input: { period: "2026-03", value: 97 } });
    expect(elsewhere.ok).toBe(true);
    const refresh = card["refresh"] as { action: { data: Record<string, unknown> } };
    const { answer } = await invoke(world, ana, "refreshUpdate", refresh.action.data);
    expect(textsOf(answer?.value)).toContain("Answered by Bo Li: 97 for March 2026, 20 Apr 11:00. Nothing more is needed.");
    expect((answer?.value as Card).actions ?? []).toEqual([]);
  });
});

describe("the review card", () => {
  async function submitted(world: World, note = "Two rounds missed in the snow") {
    const card = await updateCardFor(world);
    await invoke(world, ana, "submitUpdate", pressed(card, "submitUpdate", { value: "96.5", note }));
    const [update] = await stored(world);
    if (!update) throw new Error("No update stored.");
    const review = await invoke(world, tom, "refreshUpdate", { contractId: world.contractId, kpiId: world.kpiId, updateId: update.id });
    return { update, first: card, card: review.answer?.value as Card };
  }

  it("shows the update to the manager, and approves it", async () => {
    const world = await fresh();
    const { card } = await submitted(world);
    expect(textsOf(card)).toEqual(expect.arrayContaining(["Review: Bins collected on the scheduled day", "96.5", "Ana Silva", "Two rounds missed in the snow"]));
    const { answer } = await invoke(world, tom, "approveUpdate", pressed(card, "approveUpdate", { reason: "" }));
    expect(textsOf(answer?.value)).toContain("Approved by Tom Brennan, 20 Apr 11:00, for March 2026.");
    const partition = await world.storage.delivery.read(world.contractId);
    expect(partition.reviews).toMatchObject([{ decision: "approve", reviewedBy: MANAGER }]);
  });

  it("shows the review as recorded when the card is pressed again, recording one review", async () => {
    const world = await fresh();
    const { card } = await submitted(world);
    await invoke(world, tom, "approveUpdate", pressed(card, "approveUpdate", { reason: "" }));
    const again = await invoke(world, tom, "rejectUpdate", pressed(card, "rejectUpdate", { reason: "Second thoughts" }));
    expect(textsOf(again.answer?.value)).toContain("Approved by Tom Brennan, 20 Apr 11:00, for March 2026.");
    expect((again.answer?.value as Card).actions ?? []).toEqual([]);
    expect((await world.storage.delivery.read(world.contractId)).reviews).toMatchObject([{ decision: "approve" }]);
  });

  it("needs a reason to reject, and the rejection asks the supplier again", async () => {
    const world = await fresh();
    const { card, first } = await submitted(world);
    const bare = await invoke(world, tom, "rejectUpdate", pressed(card, "rejectUpdate", { reason: " " }));
    const back = bare.answer?.value as Card;
    const at = back.body.findIndex((e) => e["id"] === "reason");
    expect(back.body[at + 1]).toMatchObject({ type: "TextBlock", text: "The reason is needed to reject an update: tell the supplier what to correct.", color: "attention" });
    expect((await world.storage.delivery.read(world.contractId)).reviews).toEqual([]);

    const { answer } = await invoke(world, tom, "rejectUpdate", pressed(card, "rejectUpdate", { reason: "The evidence covers February, not March." }));
    expect(textsOf(answer?.value)).toContain("Rejected by Tom Brennan, 20 Apr 11:00, for March 2026. Reason: The evidence covers February, not March.");
    expect((await world.storage.delivery.read(world.contractId)).reviews).toMatchObject([{ decision: "reject", reason: "The evidence covers February, not March." }]);
    const owed = await promptsForUser(world.deps, { userId: ANA, name: "Ana Silva", roles: ["supplier"], supplierId: world.supplierId });
    expect(owed).toMatchObject([{ kind: "correction", period: "2026-03", reason: "The evidence covers February, not March." }]);
    const status = await say(world, ana, "status");
    expect(status.texts[0]).toContain("the update for March 2026");
    // The supplier's first card, shown again, asks for the correction and sends it as a new revision.
    const refresh = first["refresh"] as { action: { data: Record<string, unknown> } };
    const again = (await invoke(world, ana, "refreshUpdate", refresh.action.data)).answer?.value as Card;
    expect(again.actions?.map((a) => a.verb)).toEqual(["submitUpdate"]);
    const sent = await invoke(world, ana, "submitUpdate", pressed(again, "submitUpdate", { value: "96.5" }));
    expect(textsOf(sent.answer?.value)).toContain("Submitted: 96.5 for March 2026, by Ana Silva, 20 Apr 11:00. It now waits for the contract manager's review.");
    expect((await stored(world)).map((u) => [u.revision, u.value])).toEqual([[1, 96.5], [2, 96.5]]);
  });
});

describe("what people typed", () => {
  const nasty = "[x](http://evil) <at>Tom Brennan</at> **bold**";

  /** No link, no mention, no emphasis when Teams renders the text as markdown. */
  function expectPlain(text: string): void {
    const html = markdown.renderInline(text);
    expect(html).not.toMatch(/<a |<strong>|<em>/);
    expect(text).not.toMatch(/<at>/);
  }

  it("shows notes, reasons and names as typed, never as links or mentions", async () => {
    const world = await fresh();
    const evil = person(ANA, nasty);
    const card = await updateCardFor(world, evil);
    const sent = await invoke(world, evil, "submitUpdate", pressed(card, "submitUpdate", { value: "96.5", note: nasty }));
    for (const text of textsOf(sent.answer?.value)) expectPlain(text);
    const [update] = await stored(world);
    if (!update) throw new Error("No update stored.");
    const review = (await invoke(world, tom, "refreshUpdate", { contractId: world.contractId, kpiId: world.kpiId, updateId: update.id })).answer?.value as Card;
    expect(textsOf(review).length).toBeGreaterThan(3);
    for (const text of textsOf(review)) expectPlain(text);
    const rejected = await invoke(world, tom, "rejectUpdate", pressed(review, "rejectUpdate", { reason: nasty }));
    for (const text of textsOf(rejected.answer?.value)) expectPlain(text);
    // Chat replies in markdown name the person too.
    const greeting = await send(world, { type: "installationUpdate", action: "add", from: evil });
    for (const text of greeting.texts) expectPlain(text);
    const status = await say(world, evil, "status");
    for (const text of status.texts) expectPlain(text);
  });
});

describe("the prompts' cards", () => {
  it.each(PROMPT_KINDS)("the %s card, shown again, is refreshed to a card (or has nothing to refresh)", async (kind) => {
    const world = await fresh();
    const sent = await invoke(world, ana, "submitUpdate", pressed(await updateCardFor(world), "submitUpdate", { value: "96.5" }));
    expect(sent.answer?.type).toBe("application/vnd.microsoft.card.adaptive");
    const [update] = await stored(world);
    const toManager = kind === "escalation" || kind === "review-request" || kind === "assessment-due";
    const prompt: Prompt = { kind, contractId: world.contractId, contractReference: "CCC-BOT-1", contractTitle: "Waste collection", kpiId: world.kpiId, kpiTitle: "Bins collected on the scheduled day", period: "2026-03", due: "2026-04-14", recipient: toManager ? { userId: MANAGER, as: "manager" } : { userId: ANA, as: "supplier-contact" }, round: "", updateId: update?.id, reason: "Wrong month" };
    const activity = promptActivity(prompt, crypto.randomUUID(), `29:${prompt.recipient.userId}`);
    if (!("card" in activity)) throw new Error("Not a card.");
    const refresh = activity.card["refresh"] as { action: { verb: string; data: Record<string, unknown> } } | undefined;
    // The notices only tell: the bot has nothing newer to show there.
    expect(refresh === undefined).toBe(kind === "escalation" || kind === "assessment-due");
    if (!refresh) return;
    const { answer } = await invoke(world, toManager ? tom : ana, refresh.action.verb, refresh.action.data);
    expect(answer?.type).toBe("application/vnd.microsoft.card.adaptive");
  });
});
