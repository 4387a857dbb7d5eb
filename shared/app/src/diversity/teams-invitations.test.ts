// The questionnaire as Teams cards on the test run's Azurite, with the test's own messenger standing
// in for the Bot Connector: once per chat over runs and in parallel, retries, unknown outcomes, roles.
import { describe, expect, it } from "vitest";
import { DEFAULT_MONEY_LABEL, type BotConversation, type Principal } from "@toms/domain";
import type { DiversityStorage, TeamsCardRecord } from "@toms/storage/diversity";
import { createAppDeps } from "../deps.js";
import { closeCampaign } from "./close-campaign.js";
import { createDiversityDeps, type DiversityDeps } from "./diversity-deps.js";
import { openCampaign } from "./open-campaign.js";
import { openForm } from "./open-form.js";
import { sendTeamsInvitations, type TeamsMessenger } from "./send-teams-invitations.js";
import { admin, analyst, evaluator, manager, openTestStorage, small, tablePrefixOf, value } from "./test-deps.js";

const NOW = new Date("2026-12-03T09:00:00.000Z");
const CLOSES = "2027-02-26T17:00:00.000Z";

/** How Teams answers Teams cards (SendFailure's shape): the channel's status. */
class Refusal extends Error {
  constructor(readonly status: number) {
    super(`Teams answered ${status}`);
  }
}

/** The Bot Connector's stand-in: what it was sent, and how it answers each person (in turn; then it takes the card). */
function messenger(answers: Record<string, number[]> = {}, delayMs = 0) {
  const calls: { userId: string; card: Record<string, unknown>; summary: string }[] = [];
  const sender: TeamsMessenger = {
    async send(conversation, card, summary) {
      calls.push({ userId: conversation.userId, card, summary });
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const status = answers[conversation.userId]?.shift();
      if (status !== undefined) throw new Refusal(status);
    },
  };
  return { sender, calls, to: (userId: string) => calls.filter((c) => c.userId === userId).length };
}

interface Fixture {
  d: DiversityDeps;
  /** The same tables through a second store, as another instance of the service. */
  other: DiversityDeps;
  diversity: DiversityStorage;
  ids: { alpha: string; beta: string; gamma: string; delta: string; large: string };
}

async function fresh(): Promise<Fixture> {
  const tablePrefix = tablePrefixOf("dtm");
  const connect = async () => {
    const { storage, diversity } = await openTestStorage(tablePrefix);
    return { storage, diversity, d: createDiversityDeps(createAppDeps(storage, { moneyLabel: DEFAULT_MONEY_LABEL, now: () => NOW }), diversity, { publicUrl: "http://127.0.0.1:3000" }) };
  };
  const { storage, diversity, d } = await connect();
  const { d: other } = await connect();
  const alpha = await storage.suppliers.create({ name: "Alpha Ltd", postcode: "CV1 2GT", ...small });
  const beta = await storage.suppliers.create({ name: "Beta [pay here](https://evil.example)", postcode: "CV3 1AA", ...small });
  const gamma = await storage.suppliers.create({ name: "Gamma Co-op", postcode: "CV5 6AB", ...small });
  const delta = await storage.suppliers.create({ name: "Delta Ltd", postcode: "CV2 4AA", ...small });
  const large = await storage.suppliers.create({ name: "Large plc", postcode: "CV1 1AA", employees: 900, turnover: 90_000_000, balanceSheet: 60_000_000, vcse: false });
  const chat = (userId: string, supplierId?: string): BotConversation => ({
    tenantId: "tenant-1",
    userId,
    reference: { conversation: { id: `a:${userId}` }, serviceUrl: "https://smba.example" },
    ...(supplierId ? { supplierId, contactId: `contact-${userId}` } : {}),
    installedAt: "2026-11-01T09:00:00.000Z",
    updatedAt: "2026-11-01T09:00:00.000Z",
  });
  // Alpha has two contacts in Teams, Beta one, Gamma one (but it answers), Delta none; Large is not
  // invited; and a contract manager's chat names no supplier.
  for (const conversation of [chat("aad-a1", alpha.id), chat("aad-a2", alpha.id), chat("aad-b1", beta.id), chat("aad-g1", gamma.id), chat("aad-l1", large.id), chat("aad-manager")]) {
    await storage.conversations.save(conversation);
  }
  const campaign = await openCampaign(d, admin, { year: 2026, closesAt: CLOSES });
  expect(campaign.ok && campaign.value.invited).toBe(4);
  await diversity.invitations.markAnswered(2026, gamma.id, "2026-12-02T10:00:00.000Z");
  return { d, other, diversity, ids: { alpha: alpha.id, beta: beta.id, gamma: gamma.id, delta: delta.id, large: large.id } };
}

async function storedCards(f: Fixture): Promise<Record<string, Omit<TeamsCardRecord, "year" | "tenantId" | "claimedAt">>> {
  const cards = await f.diversity.teamsCards.list(2026);
  return Object.fromEntries(cards.map(({ etag: _etag, year: _year, tenantId: _tenant, claimedAt: _claimed, ...card }) => [card.userId, card]));
}

describe("sending the questionnaire in Teams", () => {
  it("sends one card to each chat of an invited business that has not answered, with a link of its own, and none again on the next run", async () => {
    const f = await fresh();
    const teams = messenger();
    expect(value(await sendTeamsInvitations(f.d, admin, { year: 2026 }, teams.sender))).toEqual({ sent: 3, failed: 0, alreadySent: 0, withoutTeams: 1 });
    expect(teams.calls.map((c) => c.userId).sort()).toEqual(["aad-a1", "aad-a2", "aad-b1"]);

    // Each card's link is new and opens its own business's form; the name stays text.
    const links = teams.calls.map((c) => (c.card.actions as { url: string }[])[0]?.url ?? "");
    expect(new Set(links).size).toBe(3);
    for (const [n, call] of teams.calls.entries()) {
      const token = links[n]?.split("/diversity/")[1] ?? "";
      const form = value(await openForm(f.d, token));
      expect(form.supplierName).toBe(call.userId === "aad-b1" ? "Beta [pay here](https://evil.example)" : "Alpha Ltd");
      expect(JSON.stringify(call.card)).not.toContain("[pay here](https");
      expect(call.card).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
      expect(JSON.stringify(call.card)).toContain("26 February 2027");
      expect(call.summary).toContain("2026");
    }

    expect(await storedCards(f)).toEqual({
      "aad-a1": { supplierId: f.ids.alpha, userId: "aad-a1", state: "sent", sentAt: NOW.toISOString(), attempts: 1 },
      "aad-a2": { supplierId: f.ids.alpha, userId: "aad-a2", state: "sent", sentAt: NOW.toISOString(), attempts: 1 },
      "aad-b1": { supplierId: f.ids.beta, userId: "aad-b1", state: "sent", sentAt: NOW.toISOString(), attempts: 1 },
    });
    const invitations = await f.diversity.invitations.list(2026);
    expect(invitations.filter((i) => i.linksIssuedAt).map((i) => i.supplierId).sort()).toEqual([f.ids.alpha, f.ids.beta].sort());

    expect(value(await sendTeamsInvitations(f.d, admin, { year: 2026 }, teams.sender))).toEqual({ sent: 0, failed: 0, alreadySent: 3, withoutTeams: 1 });
    expect(teams.calls).toHaveLength(3);

    const entries = (await f.diversity.audit.list()).filter((e) => e.action === "send-teams-cards");
    // Both runs have the test's one time, so they list in the order of their ids: compared as a set.
    expect(entries.map((e) => ({ actor: e.actor, year: e.year, supplierIds: [...e.supplierIds].sort() })).sort((x, y) => y.supplierIds.length - x.supplierIds.length)).toEqual([
      { actor: "rob.amor", year: 2026, supplierIds: [f.ids.alpha, f.ids.beta].sort() },
      { actor: "rob.amor", year: 2026, supplierIds: [] },
    ]);
  });

  it("sends a card Teams was busy for (503) again on the next run, and never one Teams did not answer", async () => {
    const f = await fresh();
    const teams = messenger({ "aad-a1": [503], "aad-b1": [-1] });
    expect(value(await sendTeamsInvitations(f.d, admin, { year: 2026 }, teams.sender))).toEqual({ sent: 1, failed: 2, alreadySent: 0, withoutTeams: 1 });
    const first = await storedCards(f);
    expect(first["aad-a1"]).toMatchObject({ state: "failed", attempts: 1 });
    expect(first["aad-a1"]?.error).toContain("(503)");
    expect(first["aad-a1"]?.error).toContain("sent again on the next run");
    expect(first["aad-b1"]).toMatchObject({ state: "claimed", attempts: 1 });
    expect(first["aad-b1"]?.error).toContain("not known whether the card arrived");
    expect(first["aad-a2"]).toMatchObject({ state: "sent" });

    expect(value(await sendTeamsInvitations(f.d, admin, { year: 2026 }, teams.sender))).toEqual({ sent: 1, failed: 0, alreadySent: 2, withoutTeams: 1 });
    expect([teams.to("aad-a1"), teams.to("aad-a2"), teams.to("aad-b1")]).toEqual([2, 1, 1]);
    const second = await storedCards(f);
    expect(second["aad-a1"]).toEqual({ supplierId: f.ids.alpha, userId: "aad-a1", state: "sent", sentAt: NOW.toISOString(), attempts: 2 });
    expect(second["aad-b1"]).toEqual(first["aad-b1"]);

    expect(value(await sendTeamsInvitations(f.d, admin, { year: 2026 }, teams.sender))).toEqual({ sent: 0, failed: 0, alreadySent: 3, withoutTeams: 1 });
    expect(teams.calls).toHaveLength(4);
  });

  it("sends each card once when two instances run at the same moment, first time and on a retry", async () => {
    const f = await fresh();
    const teams = messenger({ "aad-a1": [429] }, 150);
    const runs = await Promise.all([sendTeamsInvitations(f.d, admin, { year: 2026 }, teams.sender), sendTeamsInvitations(f.other, admin, { year: 2026 }, teams.sender)]);
    const [a, b] = runs.map(value);
    expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(2);
    expect((a?.failed ?? 0) + (b?.failed ?? 0)).toBe(1);
    expect((a?.alreadySent ?? 0) + (b?.alreadySent ?? 0)).toBe(3);
    expect([teams.to("aad-a1"), teams.to("aad-a2"), teams.to("aad-b1")]).toEqual([1, 1, 1]);
    expect((await storedCards(f))["aad-a1"]).toMatchObject({ state: "failed", attempts: 1 });

    // Both take the failed card back at once: one does, and it goes once more.
    const retries = (await Promise.all([sendTeamsInvitations(f.d, admin, { year: 2026 }, teams.sender), sendTeamsInvitations(f.other, admin, { year: 2026 }, teams.sender)])).map(value);
    expect(retries.map((r) => r.sent).sort()).toEqual([0, 1]);
    expect(retries.map((r) => r.alreadySent).sort()).toEqual([2, 3]);
    expect([teams.to("aad-a1"), teams.to("aad-a2"), teams.to("aad-b1")]).toEqual([2, 1, 1]);
    const stored = await storedCards(f);
    expect(Object.values(stored).map((c) => `${c.userId} ${c.state} ${c.attempts}`).sort()).toEqual(["aad-a1 sent 2", "aad-a2 sent 1", "aad-b1 sent 1"]);
  });

  it("is for admins only, while the campaign is open; refused, it sends and stores nothing", async () => {
    const f = await fresh();
    const teams = messenger();
    const supplier: Principal = { userId: "aad-a1", name: "Ann Lee", roles: ["supplier"], supplierId: f.ids.alpha };
    for (const caller of [analyst, evaluator, manager, supplier]) {
      expect(await sendTeamsInvitations(f.d, caller, { year: 2026 }, teams.sender)).toMatchObject({ ok: false, kind: "forbidden" });
    }
    expect(await sendTeamsInvitations(f.d, admin, { year: 2031 }, teams.sender)).toMatchObject({ ok: false, kind: "not-found" });
    value(await closeCampaign(f.d, admin, { year: 2026 }));
    const closed = await sendTeamsInvitations(f.d, admin, { year: 2026 }, teams.sender);
    expect(closed).toMatchObject({ ok: false, kind: "unprocessable" });
    expect(closed.ok ? "" : closed.message).toContain("closed");
    expect(teams.calls).toEqual([]);
    expect(await f.diversity.teamsCards.list(2026)).toEqual([]);
    expect((await f.diversity.audit.list()).filter((e) => e.action === "send-teams-cards")).toEqual([]);
  });
});
