// The bot in the running service: Teams' activities posted to /api/messages, its replies and
// prompts received by the tests' Bot Connector stand-in, and what it stored read back through the API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotConnector, type BotConnector, type ReceivedActivity } from "../support/bot-connector.js";
import { askedFor, botPortfolio, overdueOf, type BotPortfolio } from "../support/bot-portfolio.js";
import { daysBetween, readUpdates, todayUk } from "../support/delivery-fixtures.js";
import { startTestService, type TestService } from "../support/service.js";
import { cardOf, cardText, chatPerson, inputIds, install, press, say, textOf, uninstall, type AdaptiveCard, type ChatPerson } from "../support/teams-chat.js";

let connector: BotConnector;
let service: TestService;

beforeAll(async () => {
  connector = await startBotConnector();
  // No scheduled passes: each test runs the admin's pass when it wants prompts.
  // About Teams alone: a contact with no chat would otherwise be asked by e-mail (tests/mail).
  service = await startTestService({ TOMS_BOT_PASS_MINUTES: "0", TOMS_MAIL: "off" });
});
afterAll(async () => {
  await service?.close();
  await connector?.close();
});

const runPass = async (token: string) => {
  const response = await service.call("/api/admin/prompts/run", { method: "POST", token });
  expect(response.status).toBe(200);
  return (await response.json()) as { due: number; claimed: number; sent: number; failed: number; unfinished: number; withoutConversation: number };
};

const to = (person: ChatPerson) => (r: ReceivedActivity) => r.conversationId === person.conversationId && r.status >= 200 && r.status < 300 && r.replyToId === undefined;

/** The prompt cards one person has been sent, by the KPI and period of their card. */
function cardsFor(person: ChatPerson): { card: AdaptiveCard; kpiId: string; period: string; dispatchId: string }[] {
  return connector.delivered().filter(to(person)).map((r) => {
    const card = cardOf(r);
    const data = card.refresh?.action.data ?? {};
    return { card, kpiId: String(data["kpiId"] ?? ""), period: String(data["period"] ?? ""), dispatchId: r.dispatchId ?? "" };
  });
}

describe("installing the app", () => {
  let portfolio: BotPortfolio;
  beforeAll(async () => {
    portfolio = await botPortfolio(service);
  });

  it("greets a supplier's contact with what they owe, and someone unknown with who to ask", async () => {
    const [ana] = portfolio.contacts as [ChatPerson];
    const greeting = await install(service, connector, ana);
    expect(greeting).toContain("Hello Ana Silva");
    expect(greeting).toContain(portfolio.contract.reference);
    expect(greeting).toContain(portfolio.kpis[0]?.title);

    const stranger = chatPerson("Sam Stranger");
    const unknown = await install(service, connector, stranger);
    expect(unknown).toContain("I do not know you yet");
    expect(unknown).toContain("procurement@coventry.gov.uk");
  });

  it("matches a contact known only by e-mail, and links them so prompts reach them", async () => {
    const person = chatPerson("Priya Byemail", `priya.${crypto.randomUUID().slice(0, 6)}@supplier.example`);
    // Added by the council with an address and no Entra object id.
    const added = await service.call(`/api/suppliers/${portfolio.supplierId}/contacts`, { method: "POST", token: portfolio.people.admin, body: { name: person.name, email: person.email } });
    expect(added.status).toBe(201);
    const greeting = await install(service, connector, person);
    expect(greeting).toContain("Hello Priya Byemail");
    expect(greeting).toContain(portfolio.contract.reference);
    const contacts = (await (await service.call(`/api/suppliers/${portfolio.supplierId}/contacts`, { token: portfolio.people.admin })).json()) as { items: { email: string; aadObjectId?: string }[] };
    expect(contacts.items.find((c) => c.email === person.email)?.aadObjectId).toBe(person.aadObjectId);
    // Someone else with the same address later matches nobody: the contact is Priya's.
    const other = chatPerson("Not Priya", person.email);
    expect(await install(service, connector, other)).toContain("I do not know you yet");
  });

  it("sends nothing more to someone who removed the app", async () => {
    const person = chatPerson("Leaving Contact", `leaving.${crypto.randomUUID().slice(0, 6)}@supplier.example`);
    const { addContact } = await import("../support/bot-portfolio.js");
    await addContact(service, portfolio.people.admin, portfolio.supplierId, person);
    await install(service, connector, person);
    expect(await uninstall(service, connector, person)).toBe(200);
    const summary = await runPass(portfolio.people.admin);
    expect(summary.withoutConversation).toBeGreaterThan(0);
    expect(cardsFor(person)).toEqual([]);
  });
});

describe("chat commands", () => {
  let portfolio: BotPortfolio;
  let ana: ChatPerson;
  beforeAll(async () => {
    portfolio = await botPortfolio(service);
    ana = portfolio.contacts[0] as ChatPerson;
    await install(service, connector, ana);
  });

  const reply = async (text: string) => (await say(service, connector, ana, text)).map((r) => (r.activity["attachments"] ? cardText(cardOf(r)) : textOf(r)));

  it("says what is owed (status), which contracts (contracts), and how (help)", async () => {
    const [status] = await reply("status");
    // Every month ended: those past due, and the last one, asked for as it ends.
    expect(status?.split("\n").filter((line) => line.startsWith("- ")).length).toBe(askedFor(portfolio).length);
    expect(status).toContain(portfolio.kpis[0]?.title);
    expect((await reply("contracts"))[0]).toContain(`${portfolio.contract.reference} ${portfolio.contract.title}`);
    expect((await reply("help"))[0]).toContain("**status**");
  });

  it("sends a card for each update owed (update), the same key each time", async () => {
    const first = await say(service, connector, ana, "update");
    const asked = askedFor(portfolio);
    expect(first.length).toBe(asked.length);
    const cards = first.map(cardOf);
    expect(cards.map((c) => String(c.refresh?.action.data?.["period"])).sort()).toEqual(asked.map((o) => o.period).sort());
    expect(inputIds(cards[0])).toEqual(["value", "note", "evidenceUrl"]);
    const again = (await say(service, connector, ana, "update")).map(cardOf);
    expect(again.map((c) => c.actions?.[0]?.data?.["submissionKey"])).toEqual(cards.map((c) => c.actions?.[0]?.data?.["submissionKey"]));
  });

  it("offers the nearest command for a misspelt one, and help for anything else", async () => {
    expect((await reply("stauts"))[0]).toContain("Did you mean status?");
    expect((await reply("Contract"))[0]).toContain("Did you mean contracts?");
    expect((await reply("what is the weather like"))[0]).toContain("I ask you in chat for the KPI updates you owe");
  });
});

describe("a prompt pass", () => {
  let portfolio: BotPortfolio;
  beforeAll(async () => {
    // Three KPIs and three months: more cards than Teams lets one chat receive in a second.
    portfolio = await botPortfolio(service, { kpiCount: 3, contactCount: 2 });
    for (const person of [...portfolio.contacts, portfolio.manager]) await install(service, connector, person);
  });

  it("sends each contact one card per update owed, escalates to the manager, and sends nothing twice", async () => {
    const before = connector.received().length;
    const summary = await runPass(portfolio.people.admin);
    const asked = askedFor(portfolio);
    expect(asked.length).toBe(9);
    for (const contact of portfolio.contacts) {
      const cards = cardsFor(contact);
      expect(cards.map((c) => `${c.kpiId} ${c.period}`).sort()).toEqual(asked.map((o) => `${o.kpiId} ${o.period}`).sort());
    }
    // Escalated: what is ten days or more past due.
    const escalations = connector.delivered().filter(to(portfolio.manager));
    expect(escalations.length).toBe(asked.filter((o) => daysBetween(o.due, todayUk()) >= 10).length);
    expect(escalations.every((r) => cardText(cardOf(r)).includes("has not sent the update"))).toBe(true);

    const sent = connector.received().slice(before);
    expect(summary).toMatchObject({ claimed: sent.length, sent: sent.length, failed: 0, unfinished: 0 });
    // Update cards carry their dispatch id; a notice (the escalation) is told apart by its words.
    expect(new Set(sent.map((r) => r.dispatchId ?? `${r.conversationId} ${cardText(cardOf(r))}`)).size).toBe(sent.length);
    expect(connector.limitsBroken()).toEqual([]);

    const again = await runPass(portfolio.people.admin);
    expect(again).toMatchObject({ claimed: 0, sent: 0 });
    expect(connector.received().length).toBe(before + sent.length);

    // The Overdue view says who was prompted.
    for (const item of await overdueOf(service, portfolio.managerToken, portfolio.contract.id)) {
      if (item.owedBy !== "supplier") continue;
      // The latest prompt of it: to both contacts, or once ten days late to the manager.
      if (daysBetween(item.since, todayUk()) >= 10) expect(item.prompted).toMatchObject({ kind: "escalation", state: "sent", recipients: 1 });
      else expect(item.prompted).toMatchObject({ state: "sent", recipients: 2 });
    }
  });
});

describe("answering in the card", () => {
  let portfolio: BotPortfolio;
  let ana: ChatPerson;
  let card: AdaptiveCard;
  let period: string;
  beforeAll(async () => {
    portfolio = await botPortfolio(service, { contactCount: 2 });
    for (const person of [...portfolio.contacts, portfolio.manager]) await install(service, connector, person);
    ana = portfolio.contacts[0] as ChatPerson;
    await runPass(portfolio.people.admin);
    const [first] = cardsFor(ana).sort((a, b) => a.period.localeCompare(b.period));
    if (!first) throw new Error("No card reached Ana");
    card = first.card;
    period = first.period;
  });
  const kpiId = () => portfolio.kpis[0]?.id as string;
  const stored = async () => (await readUpdates(service, portfolio.people.admin, portfolio.contract.id, kpiId())).filter((u) => u.period === period);

  it("shows the error beside the field, keeping what was typed, and stores nothing", async () => {
    const missing = await press(service, connector, ana, card, "submitUpdate", { value: "", note: "late lorry" });
    expect(cardText(missing.card)).toContain("is required");
    const words = await press(service, connector, ana, card, "submitUpdate", { value: "ninety", note: "late lorry" });
    expect(cardText(words.card)).toContain("must be a number");
    expect(JSON.stringify(words.card)).toContain("late lorry");
    const link = await press(service, connector, ana, card, "submitUpdate", { value: "96.5", evidenceUrl: "javascript:alert(1)" });
    expect(cardText(link.card)).toContain("must be a web address starting https://");
    expect(await stored()).toEqual([]);
  });

  it("replaces the card with what was submitted, and a second press, or two at once, stores one update", async () => {
    const [one, two] = await Promise.all([press(service, connector, ana, card, "submitUpdate", { value: "96.5", note: "[pay here](https://evil.example) <at>Tom</at>" }), press(service, connector, ana, card, "submitUpdate", { value: "96.5", note: "[pay here](https://evil.example) <at>Tom</at>" })]);
    for (const answer of [one, two]) {
      expect(answer.status).toBe(200);
      expect(cardText(answer.card)).toMatch(/^Submitted: 96\.5 for \w+ \d{4}, by Ana Silva, \d{1,2} \w{3} \d{2}:\d{2}\./m);
    }
    const again = await press(service, connector, ana, card, "submitUpdate", { value: "96.5", note: "[pay here](https://evil.example) <at>Tom</at>" });
    expect(cardText(again.card)).toContain("Submitted: 96.5");
    const updates = await stored();
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ value: 96.5, note: "[pay here](https://evil.example) <at>Tom</at>" });
  });

  it("refreshes another contact's card for the same period to say who answered", async () => {
    const other = portfolio.contacts[1] as ChatPerson;
    const theirs = cardsFor(other).find((c) => c.kpiId === kpiId() && c.period === period);
    if (!theirs) throw new Error("No card reached the second contact");
    const refreshed = await press(service, connector, other, theirs.card, "refreshUpdate");
    expect(cardText(refreshed.card)).toContain("Ana Silva");
    expect(cardText(refreshed.card)).toContain("96.5");
    expect(inputIds(refreshed.card)).toEqual([]);
  });

  it("asks the manager to review it; a rejection needs a reason and asks the supplier again with it", async () => {
    await runPass(portfolio.people.admin);
    const reviewCards = connector.delivered().filter(to(portfolio.manager)).map(cardOf).filter((c) => c.actions?.some((a) => a.verb === "rejectUpdate"));
    expect(reviewCards).toHaveLength(1);
    const review = reviewCards[0] as AdaptiveCard;
    expect(cardText(review)).toContain("96.5");
    // The note is shown as the words typed, never as a link or a mention.
    expect(cardText(review)).toContain("\\[pay here\\]\\(https://evil.example\\) \\<at\\>Tom\\</at\\>");

    const noReason = await press(service, connector, portfolio.manager, review, "rejectUpdate", { reason: "" });
    expect(cardText(noReason.card)).toContain("is needed to reject an update");
    expect((await stored())[0]?.status).toBe("pending");

    const rejected = await press(service, connector, portfolio.manager, review, "rejectUpdate", { reason: "March is missing the depot data" });
    expect(cardText(rejected.card)).toContain("Rejected");
    expect((await stored())[0]?.status).toBe("rejected");

    await runPass(portfolio.people.admin);
    const corrections = cardsFor(ana).filter((c) => c.kpiId === kpiId() && c.period === period && cardText(c.card).includes("rejected"));
    expect(corrections).toHaveLength(1);
    expect(cardText(corrections[0]?.card)).toContain("March is missing the depot data");
  });
});

describe("when Teams fails", () => {
  it("retries 503s and 429s (after their Retry-After) and delivers each prompt once", async () => {
    const portfolio = await botPortfolio(service);
    const ana = portfolio.contacts[0] as ChatPerson;
    await install(service, connector, ana);
    const before = connector.received().length;
    connector.failNext(2, 503);
    const summary = await runPass(portfolio.people.admin);
    const received = connector.received().slice(before);
    expect(received.slice(0, 2).map((r) => r.status)).toEqual([503, 503]);
    const throttledBefore = connector.received().length;
    const other = await botPortfolio(service, { people: portfolio.people });
    await install(service, connector, other.contacts[0] as ChatPerson);
    connector.failNext(1, 429, 1);
    await runPass(portfolio.people.admin);
    const throttled = connector.received().slice(throttledBefore + 1).filter((r) => r.kind === "send");
    expect(throttled[0]?.status).toBe(429);
    // Sent again no sooner than the second Teams asked for.
    const again = throttled.find((r) => r.dispatchId === throttled[0]?.dispatchId && r.status === 201);
    expect((again?.at ?? 0) - (throttled[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
    const delivered = received.filter((r) => r.status === 201);
    expect(summary.sent).toBe(delivered.length);
    expect(summary.failed).toBe(0);
    expect(new Set(delivered.map((r) => r.dispatchId)).size).toBe(delivered.length);
    expect(new Set(received.map((r) => r.dispatchId)).size).toBe(delivered.length);
  });

  it("records a failure Teams will not take, and shows it in the Overdue view", async () => {
    const portfolio = await botPortfolio(service);
    const ana = portfolio.contacts[0] as ChatPerson;
    await install(service, connector, ana);
    connector.failNext(1_000, 403);
    let summary;
    try {
      summary = await runPass(portfolio.people.admin);
    } finally {
      connector.failNext(0, 200);
    }
    expect(summary.failed).toBe(summary.claimed);
    const items = (await overdueOf(service, portfolio.managerToken, portfolio.contract.id)).filter((i) => i.owedBy === "supplier");
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item.prompted).toMatchObject({ state: "failed", error: "Teams refused the message: the person may have removed the app." });
  });
});

describe("the admin's pass", () => {
  it("is for admins only", async () => {
    const portfolio = await botPortfolio(service);
    expect((await service.call("/api/admin/prompts/run", { method: "POST", token: portfolio.managerToken })).status).toBe(403);
    expect((await service.call("/api/admin/prompts/run", { method: "POST" })).status).toBe(401);
  });
});

describe("outside a one-to-one chat", () => {
  it("keeps no chat of a team or group, so prompts never go to a channel", async () => {
    const portfolio = await botPortfolio(service);
    const ana = portfolio.contacts[0] as ChatPerson;
    const inTeam: ChatPerson = { ...ana, conversationId: `19:team-${crypto.randomUUID()}@thread.tacv2` };
    const { activityFrom, post } = await import("../support/teams-chat.js");
    const activity = activityFrom(inTeam, connector, { type: "message", text: "status", conversation: { id: inTeam.conversationId, conversationType: "channel", tenantId: "11111111-2222-4333-8444-555555555555" } });
    const before = connector.received().length;
    expect((await post(service, activity)).status).toBe(200);
    expect(textOf(connector.received()[before] as ReceivedActivity)).toContain("one-to-one chat");
    const summary = await runPass(portfolio.people.admin);
    expect(summary.claimed).toBe(0);
    expect(connector.received().slice(before + 1).filter((r) => r.conversationId === inTeam.conversationId)).toEqual([]);
  });

  it("greets once when a client sends both installationUpdate and conversationUpdate", async () => {
    const portfolio = await botPortfolio(service);
    const ana = portfolio.contacts[0] as ChatPerson;
    const { activityFrom, post } = await import("../support/teams-chat.js");
    await install(service, connector, ana);
    const before = connector.received().length;
    await post(service, activityFrom(ana, connector, { type: "conversationUpdate", membersAdded: [{ id: `29:${ana.aadObjectId}` }, { id: "28:toms-bot" }] }));
    expect(connector.received().slice(before).filter((r) => r.conversationId === ana.conversationId)).toEqual([]);
  });
});

describe("who the bot serves", () => {
  it("refuses another tenant, and any channel but Teams, in plain words", async () => {
    const strict = await startTestService({ TOMS_BOT_PASS_MINUTES: "0", TOMS_BOT_TENANTS: "11111111-2222-4333-8444-555555555555" });
    try {
      const portfolio = await botPortfolio(strict);
      const ana = portfolio.contacts[0] as ChatPerson;
      const { activityFrom, post } = await import("../support/teams-chat.js");
      const foreign = activityFrom(ana, connector, { type: "message", text: "status", channelData: { tenant: { id: "99999999-0000-4000-8000-000000000099" } } });
      const before = connector.received().length;
      expect((await post(strict, foreign)).status).toBe(200);
      expect(textOf(connector.received()[before] as ReceivedActivity)).toContain("I serve Coventry City Council's Teams only");
      const webChat = activityFrom(ana, connector, { type: "message", text: "status", channelId: "webchat" });
      await post(strict, webChat);
      expect(textOf(connector.received()[before + 1] as ReceivedActivity)).toContain("Microsoft Teams only");
      // And in its own tenant she is known.
      expect((await say(strict, connector, ana, "status"))[0]?.activity["text"]).toContain("You owe:");
    } finally {
      await strict.close();
    }
  });

  it("matches by e-mail when someone already chatting is added as a contact later", async () => {
    const portfolio = await botPortfolio(service);
    const late = chatPerson("Late Addition", `late.${crypto.randomUUID().slice(0, 6)}@supplier.example`);
    expect(await install(service, connector, late)).toContain("I do not know you yet");
    const added = await service.call(`/api/suppliers/${portfolio.supplierId}/contacts`, { method: "POST", token: portfolio.people.admin, body: { name: late.name, email: late.email } });
    expect(added.status).toBe(201);
    const [reply] = await say(service, connector, late, "status");
    expect(textOf(reply as ReceivedActivity)).toContain(portfolio.contract.reference);
  });

  it("answers 400, not 500, to a body that is not an activity", async () => {
    const response = await fetch(`${service.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(response.status).toBe(400);
  });
});
