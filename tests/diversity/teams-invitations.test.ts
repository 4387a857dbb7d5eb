// The year's diversity questionnaire sent as Teams cards by the running service: the bot in anonymous development mode sending to the tests' Bot Connector stand-in, contacts matched by installing the app, one card per contact, a failed card sent again, a card never sent twice, and who may send.
import { createServer, type Server } from "node:http";
import { SignJWT, exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotConnector, type BotConnector, type ReceivedActivity } from "../support/bot-connector.js";
import { addLocalSuppliers, answersOf, auditLog, daysFromNow, openCampaign, pageText, sendAnswers, staffTokens, type LocalSupplier, type StaffTokens } from "../support/diversity.js";
import { startTestService, type TestService } from "../support/service.js";
import { cardOf, cardText, chatPerson, install, type ChatPerson } from "../support/teams-chat.js";

/** What a run answers (TeamsInvitationsSent of @toms/app/diversity). */
interface RunAnswer {
  sent: number;
  failed: number;
  alreadySent: number;
  withoutTeams: number;
}

const YEAR = new Date().getUTCFullYear();

let connector: BotConnector;
let service: TestService;
let staff: StaffTokens;
/** Two businesses whose contacts have installed the app, and one whose contact has not. */
let withTeams: [LocalSupplier, LocalSupplier];
let withoutTeams: LocalSupplier;
/** The contacts in Teams, in the order of `withTeams`. */
let contacts: [ChatPerson, ChatPerson];

beforeAll(async () => {
  connector = await startBotConnector({ enforceLimits: true });
  service = await startTestService({ TOMS_BOT_PASS_MINUTES: "0" });
  staff = await staffTokens(service);
  const suppliers = await addLocalSuppliers(service, staff.admin, 3, "Teams");
  withTeams = [suppliers[0] as LocalSupplier, suppliers[1] as LocalSupplier];
  withoutTeams = suppliers[2] as LocalSupplier;
  // Known to the council by e-mail only: installing the app matches them, as it would in Teams.
  contacts = [chatPerson("Contact 1", withTeams[0].contactEmail), chatPerson("Contact 2", withTeams[1].contactEmail)];
  for (const contact of contacts) expect(await install(service, connector, contact)).toContain(`Hello ${contact.name}`);
});
afterAll(async () => {
  await service?.close();
  await connector?.close();
});

/** One run, as `token` (null: no token at all). */
const run = (year: number, token: string | null = staff.admin) => service.call(`/api/diversity/campaigns/${year}/teams-invitations`, { method: "POST", ...(token !== null ? { token } : {}) });

async function runAsAdmin(year: number): Promise<RunAnswer> {
  const response = await run(year);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as RunAnswer;
}

/** The proactive sends (not the greetings, which reply to the install) the stand-in received since `from`, to `person` or to anyone. */
function sendsSince(from: number, person?: ChatPerson): ReceivedActivity[] {
  return connector.received().slice(from).filter((r) => r.kind === "send" && (person === undefined || r.conversationId === person.conversationId));
}

/** The card's Answer button: an Action.OpenUrl with the form link. */
function linkOf(received: ReceivedActivity): string {
  const card = cardOf(received) as unknown as { actions?: { type: string; url?: string }[] };
  const open = card.actions?.filter((a) => a.type === "Action.OpenUrl") ?? [];
  expect(open).toHaveLength(1);
  return open[0]?.url as string;
}

/** Opens a card's link as the contact's browser would: the form, for the business named. */
async function expectFormFor(received: ReceivedActivity, supplier: LocalSupplier, other: LocalSupplier): Promise<void> {
  const link = linkOf(received);
  expect(link.startsWith(`${service.url}/diversity/`)).toBe(true);
  const page = await fetch(link);
  expect(page.status).toBe(200);
  const text = pageText(await page.text());
  expect(text).toContain(supplier.name);
  expect(text).not.toContain(other.name);
}

describe("sending the questionnaire in Teams", () => {
  beforeAll(async () => {
    await openCampaign(service, staff.admin, YEAR, daysFromNow(60));
  });

  it("sends one card to each contact in Teams, each with a working link for its own business, and counts the business without Teams", async () => {
    const before = connector.received().length;
    const answer = await runAsAdmin(YEAR);
    expect(answer).toEqual({ sent: 2, failed: 0, alreadySent: 0, withoutTeams: 1 });
    expect(sendsSince(before)).toHaveLength(2);
    for (const [i, contact] of contacts.entries()) {
      const sends = sendsSince(before, contact);
      expect(sends).toHaveLength(1);
      const [card] = sends as [ReceivedActivity];
      expect(card.status).toBe(201);
      expect(cardOf(card).type).toBe("AdaptiveCard");
      const supplier = withTeams[i] as LocalSupplier;
      expect(cardText(cardOf(card))).toContain(supplier.name);
      await expectFormFor(card, supplier, withTeams[1 - i] as LocalSupplier);
    }
    expect(connector.limitsBroken()).toEqual([]);
    // The reminder list says which businesses have had a link: the two reached in Teams, not the one to e-mail.
    const reminders = await service.call(`/api/diversity/campaigns/${YEAR}/reminders`, { token: staff.admin });
    expect(reminders.status).toBe(200);
    const { items } = (await reminders.json()) as { items: { supplierId: string; linksIssuedAt?: string }[] };
    const issued = (supplier: LocalSupplier) => items.find((i) => i.supplierId === supplier.id)?.linksIssuedAt;
    for (const supplier of withTeams) expect(issued(supplier)).toEqual(expect.any(String));
    expect(items.some((i) => i.supplierId === withoutTeams.id)).toBe(true);
    expect(issued(withoutTeams)).toBeUndefined();
  });

  it("sends nothing again on the next run", async () => {
    const before = connector.received().length;
    expect(await runAsAdmin(YEAR)).toEqual({ sent: 0, failed: 0, alreadySent: 2, withoutTeams: 1 });
    expect(connector.received().length).toBe(before);
  });

  it("is for admins only: other roles are refused, no token is not signed in, and nothing is sent", async () => {
    const before = connector.received().length;
    for (const token of [staff.evaluator, staff.manager, staff.edi, withTeams[0].token]) expect((await run(YEAR, token)).status).toBe(403);
    expect((await run(YEAR, null)).status).toBe(401);
    expect(connector.received().length).toBe(before);
  });

  it("answers 404 for a year with no campaign, sending nothing", async () => {
    const before = connector.received().length;
    expect((await run(YEAR + 50)).status).toBe(404);
    expect(connector.received().length).toBe(before);
  });
});

describe("when Teams is busy for one chat", () => {
  const year = YEAR + 1;
  beforeAll(async () => {
    await openCampaign(service, staff.admin, year, daysFromNow(60));
  });

  it("sends the card Teams could not take on the next run, and only that one, and then nothing", async () => {
    const before = connector.received().length;
    connector.failNext(1, 503);
    expect(await runAsAdmin(year)).toEqual({ sent: 1, failed: 1, alreadySent: 0, withoutTeams: 1 });
    const first = sendsSince(before);
    expect(first.map((r) => r.status).sort()).toEqual([201, 503]);
    // Which chat Teams refused depends on which card reached it first.
    const refusedChat = first.find((r) => r.status === 503)?.conversationId;
    const refused = contacts.find((c) => c.conversationId === refusedChat) as ChatPerson;
    const taken = contacts.find((c) => c !== refused) as ChatPerson;
    expect(refused).toBeDefined();
    expect(taken.conversationId).not.toBe(refused.conversationId);

    const retryFrom = connector.received().length;
    expect(await runAsAdmin(year)).toEqual({ sent: 1, failed: 0, alreadySent: 1, withoutTeams: 1 });
    const retried = sendsSince(retryFrom);
    expect(retried).toHaveLength(1);
    expect(retried[0]).toMatchObject({ conversationId: refused.conversationId, status: 201 });
    const index = contacts.indexOf(refused);
    await expectFormFor(retried[0] as ReceivedActivity, withTeams[index] as LocalSupplier, withTeams[1 - index] as LocalSupplier);

    const lastFrom = connector.received().length;
    expect(await runAsAdmin(year)).toEqual({ sent: 0, failed: 0, alreadySent: 2, withoutTeams: 1 });
    expect(connector.received().length).toBe(lastFrom);
    // Each contact has had exactly one card delivered this year.
    for (const contact of contacts) expect(sendsSince(before, contact).filter((r) => r.status === 201)).toHaveLength(1);
  });
});

describe("when Teams does not answer", () => {
  const year = YEAR + 4;
  beforeAll(async () => {
    await openCampaign(service, staff.admin, year, daysFromNow(60));
  });

  // The bot gives up on an unanswered send after 30 seconds (bot/src/adapter.ts).
  it("never sends those cards again, as they may have arrived", { timeout: 90_000 }, async () => {
    const before = connector.received().length;
    connector.hold(true);
    let answer: RunAnswer;
    try {
      answer = await runAsAdmin(year);
    } finally {
      connector.hold(false);
    }
    expect(answer).toEqual({ sent: 0, failed: 2, alreadySent: 0, withoutTeams: 1 });
    expect(sendsSince(before).map((r) => r.status)).toEqual([0, 0]);
    const after = connector.received().length;
    expect(await runAsAdmin(year)).toEqual({ sent: 0, failed: 0, alreadySent: 2, withoutTeams: 1 });
    expect(connector.received().length).toBe(after);
  });
});

describe("two runs at once", () => {
  const year = YEAR + 2;
  beforeAll(async () => {
    await openCampaign(service, staff.admin, year, daysFromNow(60));
  });

  it("send each card once between them, and both are in the audit", async () => {
    const before = connector.received().length;
    const answers = await Promise.all([runAsAdmin(year), runAsAdmin(year)]);
    const total = (key: keyof RunAnswer) => answers.reduce((sum, a) => sum + a[key], 0);
    expect(total("sent")).toBe(2);
    expect(total("failed")).toBe(0);
    expect(total("alreadySent")).toBe(2);
    for (const answer of answers) expect(answer.withoutTeams).toBe(1);
    const sends = sendsSince(before);
    expect(sends).toHaveLength(2);
    expect(sends.every((r) => r.status === 201)).toBe(true);
    expect(new Set(sends.map((r) => r.conversationId))).toEqual(new Set(contacts.map((c) => c.conversationId)));

    const runs = (await auditLog(service, staff.admin)).filter((e) => e.action === "send-teams-cards" && e.year === year);
    expect(runs).toHaveLength(2);
    for (const entry of runs) {
      expect(entry.actor).toBe("rob.amor");
      expect(entry.supplierIds.every((id) => withTeams.some((s) => s.id === id))).toBe(true);
    }
    expect(new Set(runs.flatMap((e) => e.supplierIds))).toEqual(new Set(withTeams.map((s) => s.id)));
  });
});

describe("a business that has answered", () => {
  const year = YEAR + 3;
  beforeAll(async () => {
    await openCampaign(service, staff.admin, year, daysFromNow(60));
    expect((await sendAnswers(service, withTeams[0], year, answersOf(1))).status).toBe(201);
  });

  it("gets no card, and is not counted as without Teams", async () => {
    const before = connector.received().length;
    expect(await runAsAdmin(year)).toEqual({ sent: 1, failed: 0, alreadySent: 0, withoutTeams: 1 });
    expect(sendsSince(before, contacts[0])).toEqual([]);
    const [card] = sendsSince(before, contacts[1]);
    expect(sendsSince(before)).toHaveLength(1);
    await expectFormFor(card as ReceivedActivity, withTeams[1], withTeams[0]);
  });

  it("gets none later either, once the other has had theirs", async () => {
    const before = connector.received().length;
    expect(await runAsAdmin(year)).toEqual({ sent: 0, failed: 0, alreadySent: 1, withoutTeams: 1 });
    expect(connector.received().length).toBe(before);
  });
});

describe("with the bot off (Entra sign-in, no bot registration)", () => {
  const TENANT = "6d1f2b8e-0000-4000-8000-00000000c0c0";
  const CLIENT = "9a7c3e21-1111-4111-8111-111111111111";
  let keys: Server;
  let entra: TestService;
  let adminToken: string;

  beforeAll(async () => {
    // A loopback authority serves the tenant's key set, as login.microsoftonline.com does (tests/foundation/entra.test.ts).
    const pair = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: "entra-key-1", alg: "RS256", use: "sig" };
    keys = createServer((req, res) => {
      if (req.url === `/${TENANT}/discovery/v2.0/keys`) res.setHeader("content-type", "application/json").end(JSON.stringify({ keys: [jwk] }));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => keys.listen(0, "127.0.0.1", resolve));
    const address = keys.address();
    const authority = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    entra = await startTestService({ TOMS_ENTRA_AUTHORITY: authority, TOMS_ENTRA_TENANT_ID: TENANT, TOMS_ENTRA_CLIENT_ID: CLIENT, TOMS_ENTRA_ROLES: "Procurement.Admin=admin" });
    adminToken = await new SignJWT({ name: "Rob Amor", scp: "access_as_user", oid: crypto.randomUUID(), roles: ["Procurement.Admin"] })
      .setProtectedHeader({ alg: "RS256", kid: "entra-key-1" })
      .setIssuer(`${authority}/${TENANT}/v2.0`)
      .setAudience(`api://${CLIENT}`)
      .setSubject("pairwise-subject")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(pair.privateKey);
  });
  afterAll(async () => {
    await entra?.close();
    keys?.close();
  });

  it("answers 503 saying the bot is not set up and the links go by e-mail", async () => {
    await openCampaign(entra, adminToken, YEAR, daysFromNow(60));
    const response = await entra.call(`/api/diversity/campaigns/${YEAR}/teams-invitations`, { method: "POST", token: adminToken });
    expect(response.status).toBe(503);
    const { detail } = (await response.json()) as { detail: string };
    expect(detail).toContain("links.csv");
    expect(detail).toContain("MicrosoftAppId");
  });
});
