import { afterAll, describe, expect, inject, it } from "vitest";
import { DEFAULT_MONEY_LABEL, DEFAULT_PROMPT_SETTINGS, type BotConversation, type DispatchRecord, type Principal } from "@toms/domain";
import { connectStorage, type Storage } from "@toms/storage";
import { createAppDeps, type AppDeps } from "../deps.js";
import { createKpi } from "../delivery/create-kpi.js";
import { listOverdueUpdates } from "../delivery/dashboards.js";
import { recordDispatchFailure, recordDispatchRetry, recordDispatchSent, startDispatchAttempt } from "./dispatch-transitions.js";
import { identifyBotUser } from "./identify-bot-user.js";
import { promptsForUser } from "./prompts-for-user.js";
import { recordInstall } from "./record-install.js";
import { runPromptPass } from "./run-prompt-pass.js";
import type { PromptOutbox, PromptTarget } from "./prompt-outbox.js";

declare module "vitest" {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}

// The pass over the test run's Azurite, each test in its own tables (the pass reads every contract).
const opened: Storage[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});

// Monday 20 April 2026, 11:00 in the UK: not quiet. The monthly KPI's March update fell due on 14 April.
const MORNING = new Date("2026-04-20T10:00:00.000Z");
const TENANT = "tenant-1";
const MANAGER = "6f1c2a1e-0000-4000-a000-000000000001";
const admin: Principal = { userId: "rob.amor", name: "Rob Amor", roles: ["admin"] };

async function fresh(): Promise<{ storage: Storage; at: (date: Date) => AppDeps; contractId: string }> {
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const storage = await connectStorage({ connectionString: inject("azuriteConnectionString"), dataDir: "unused", tablePrefix: `q${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`, log });
  opened.push(storage);
  const at = (date: Date) => createAppDeps(storage, { moneyLabel: DEFAULT_MONEY_LABEL, now: () => date });
  const supplier = await storage.suppliers.create({ name: "Beta Ltd", vcse: false });
  const contract = await storage.contracts.create({ reference: "CCC-BOT-1", title: "Waste collection", supplierId: supplier.id, category: "services", value: 100_000, startDate: "2026-01-01", endDate: "2027-12-31", managerId: MANAGER, managerName: "Tom Brennan", serviceArea: "Environment" });
  const early = at(new Date("2026-01-02T10:00:00.000Z"));
  const kpi = await createKpi(early, admin, contract.id, { title: "Bins collected on the scheduled day", unit: "%", target: 98, direction: "higher", frequency: "monthly", reporter: "manager" });
  if (!kpi.ok) throw new Error(kpi.message);
  return { storage, at, contractId: contract.id };
}

async function install(deps: AppDeps, userId: string): Promise<void> {
  await recordInstall(deps, { tenantId: TENANT, userId, name: "Tom Brennan", reference: { conversation: { id: `a:${userId}` } } });
}

function collecting(): PromptOutbox & { records: DispatchRecord[]; conversations: BotConversation[]; targets: PromptTarget[] } {
  const records: DispatchRecord[] = [];
  const conversations: BotConversation[] = [];
  const targets: PromptTarget[] = [];
  return { records, conversations, targets, enqueue: (record, target) => (records.push(record), targets.push(target), target.channel === "teams" ? conversations.push(target.conversation) : undefined, undefined) };
}

const pass = (deps: AppDeps, instance: string, outbox: PromptOutbox, scheduled = true) => runPromptPass(deps, { instance, settings: DEFAULT_PROMPT_SETTINGS, leaseSeconds: 120, scheduled, outbox });
const later = (seconds: number) => new Date(MORNING.getTime() + seconds * 1000);

describe("runPromptPass", () => {
  it("skips a recipient with no conversation, and claims nothing for them", async () => {
    const { storage, at, contractId } = await fresh();
    const outbox = collecting();
    const summary = await pass(at(MORNING), "i-a", outbox);
    expect(summary.due).toBeGreaterThan(0);
    expect(summary).toMatchObject({ claimed: 0, withoutConversation: summary.due, quiet: false });
    expect(await storage.dispatches.ofContract(contractId)).toEqual([]);
    expect(outbox.records).toEqual([]);
  });

  it("claims each prompt once when two instances run a pass at the same moment", async () => {
    const { storage, at, contractId } = await fresh();
    await install(at(MORNING), MANAGER);
    const [a, b] = [collecting(), collecting()];
    const [first, second] = await Promise.all([pass(at(MORNING), "i-a", a), pass(at(MORNING), "i-b", b)]);
    const stored = await storage.dispatches.ofContract(contractId);
    expect(stored.length).toBeGreaterThan(0);
    expect(first.claimed + second.claimed).toBe(stored.length);
    const enqueued = [...a.records, ...b.records].map((r) => r.key).sort();
    expect(enqueued).toEqual(stored.map((r) => r.key).sort());
    for (const record of stored) {
      expect(record.state).toBe("claimed");
      expect(record.prompt.recipient.userId).toBe(MANAGER);
      expect(record.owner).toBe(a.records.some((r) => r.key === record.key) ? "i-a" : "i-b");
    }
    expect(a.conversations.concat(b.conversations).every((c) => c.userId === MANAGER)).toBe(true);
    // Run again: nothing new, nothing taken over while the leases last.
    const again = await pass(at(later(60)), "i-b", collecting());
    expect(again).toMatchObject({ claimed: 0, recovered: 0, interrupted: 0 });
  });

  it("takes over claims whose lease ran out, and marks a send in flight then interrupted, never resent", async () => {
    const { storage, at, contractId } = await fresh();
    await install(at(MORNING), MANAGER);
    const a = collecting();
    const first = await pass(at(MORNING), "i-a", a);
    expect(first.claimed).toBeGreaterThan(1);
    const [sending] = a.records;
    if (!sending) throw new Error("expected a claim");
    const started = await startDispatchAttempt(at(MORNING), sending);
    if (!started.ok) throw new Error(started.message);

    const b = collecting();
    const takeover = await pass(at(later(200)), "i-b", b);
    expect(takeover).toMatchObject({ claimed: 0, recovered: first.claimed - 1, interrupted: 1 });
    expect(b.records.map((r) => r.key).sort()).toEqual(a.records.filter((r) => r.key !== sending.key).map((r) => r.key).sort());
    const stored = new Map((await storage.dispatches.ofContract(contractId)).map((r) => [r.key, r]));
    expect(stored.get(sending.key)).toMatchObject({ state: "interrupted", owner: "i-a", attempts: 1 });
    expect(stored.get(sending.key)?.error).toMatch(/not known whether it arrived/);
    for (const record of b.records) expect(stored.get(record.key)).toMatchObject({ state: "claimed", owner: "i-b" });

    // Instance A comes back: its records are stale, so it neither sends nor overwrites.
    expect(await recordDispatchSent(at(later(201)), started.value, "1:late")).toMatchObject({ ok: false, kind: "stale" });
    const other = a.records.find((r) => r.key !== sending.key);
    if (!other) throw new Error("expected a second claim");
    expect(await startDispatchAttempt(at(later(201)), other)).toMatchObject({ ok: false, kind: "stale" });
    expect((await storage.dispatches.get(contractId, other.key))?.owner).toBe("i-b");
  });

  it("holds a retrying prompt until a lease after its next attempt, and leaves failed ones alone", async () => {
    const { storage, at, contractId } = await fresh();
    await install(at(MORNING), MANAGER);
    const a = collecting();
    await pass(at(MORNING), "i-a", a);
    const [retried, failed] = a.records;
    if (!retried || !failed) throw new Error("expected two claims");
    const sending = await startDispatchAttempt(at(MORNING), retried);
    if (!sending.ok) throw new Error(sending.message);
    const waiting = await recordDispatchRetry(at(MORNING), sending.value, "Teams asked us to slow down (429).", later(10));
    expect(waiting).toMatchObject({ ok: true, value: { state: "retrying", attempts: 1, nextAttemptAt: later(10).toISOString(), leaseUntil: later(130).toISOString() } });
    const gone = await startDispatchAttempt(at(MORNING), failed);
    if (!gone.ok) throw new Error(gone.message);
    expect(await recordDispatchFailure(at(later(1)), gone.value, "Teams refused the message (403).")).toMatchObject({ ok: true, value: { state: "failed", finishedAt: later(1).toISOString() } });

    const early = collecting();
    // At 125 s every other claim's lease is over, but not the retrying one's.
    await pass(at(later(125)), "i-b", early);
    expect(early.records.map((r) => r.key)).not.toContain(retried.key);
    expect(early.records.map((r) => r.key)).not.toContain(failed.key);
    const late = collecting();
    await pass(at(later(140)), "i-c", late);
    expect(late.records.map((r) => r.key)).toContain(retried.key);
    expect(await storage.dispatches.get(contractId, retried.key)).toMatchObject({ state: "retrying", owner: "i-c", nextAttemptAt: later(10).toISOString(), error: "Teams asked us to slow down (429)." });
    expect(await storage.dispatches.get(contractId, failed.key)).toMatchObject({ state: "failed", owner: "i-a", error: "Teams refused the message (403)." });
  });

  it("claims nothing in a scheduled pass in quiet hours, and sends on an admin's pass then", async () => {
    const { storage, at, contractId } = await fresh();
    await install(at(MORNING), MANAGER);
    const evening = new Date("2026-04-20T20:00:00.000Z");
    const outbox = collecting();
    expect(await pass(at(evening), "i-a", outbox)).toEqual({ due: 0, claimed: 0, recovered: 0, interrupted: 0, withoutConversation: 0, withoutChannel: 0, quiet: true });
    expect(await storage.dispatches.ofContract(contractId)).toEqual([]);
    const now = await pass(at(evening), "i-a", outbox, false);
    expect(now.quiet).toBe(false);
    expect(now.claimed).toBeGreaterThan(0);
    expect(await storage.dispatches.ofContract(contractId)).toHaveLength(now.claimed);
  });

  it("shows the latest prompt of each owed item in the Overdue list, and lists what the manager owes", async () => {
    const { at } = await fresh();
    const deps = at(MORNING);
    const owedBefore = await promptsForUser(deps, { userId: MANAGER, name: "Tom Brennan", roles: ["contract-manager"] });
    expect(owedBefore.length).toBeGreaterThan(0);
    const before = await listOverdueUpdates(deps, admin);
    if (!before.ok) throw new Error(before.message);
    expect(before.value.every((item) => item.prompted === null)).toBe(true);
    await install(deps, MANAGER);
    const outbox = collecting();
    await pass(deps, "i-a", outbox);
    const sending = await startDispatchAttempt(deps, outbox.records[0] as DispatchRecord);
    if (!sending.ok) throw new Error(sending.message);
    await recordDispatchSent(at(later(5)), sending.value, "1:sent");
    const after = await listOverdueUpdates(deps, admin);
    if (!after.ok) throw new Error(after.message);
    const prompted = after.value.flatMap((item) => (item.prompted ? [item.prompted] : []));
    expect(prompted.length).toBeGreaterThan(0);
    expect(prompted.some((p) => p.state === "sent" && p.at === later(5).toISOString() && p.recipients === 1)).toBe(true);
    // Listing what someone owes claims nothing.
    expect((await promptsForUser(deps, { userId: "someone-else", name: "X", roles: ["contract-manager"] }))).toEqual([]);
  });
});

describe("identifyBotUser", () => {
  it("matches a contact by Entra id or e-mail, a manager by their contracts, and nobody else", async () => {
    const { storage, at } = await fresh();
    const deps = at(MORNING);
    const supplier = await storage.suppliers.create({ name: "Gamma Ltd", vcse: false });
    const aad = "6f1c2a1e-0000-4000-a000-0000000000aa";
    const contact = await storage.suppliers.addContact(supplier.id, { email: "ana@gamma.example", name: "Ana Silva", aadObjectId: aad });
    const other = await storage.suppliers.addContact(supplier.id, { email: "bo@gamma.example", name: "Bo Li" });
    expect(await identifyBotUser(deps, { tenantId: TENANT, userId: aad })).toEqual({ as: "supplier-contact", principal: { userId: aad, name: "Ana Silva", roles: ["supplier"], supplierId: supplier.id }, supplierId: supplier.id, contactId: contact.id });
    expect(await identifyBotUser(deps, { tenantId: TENANT, userId: "aad-bo", name: "Bo", email: "Bo@Gamma.example" })).toMatchObject({ as: "supplier-contact", supplierId: supplier.id, contactId: other.id, principal: { name: "Bo" } });
    expect(await identifyBotUser(deps, { tenantId: TENANT, userId: MANAGER })).toEqual({ as: "manager", principal: { userId: MANAGER, name: "Tom Brennan", roles: ["contract-manager"] } });
    expect(await identifyBotUser(deps, { tenantId: TENANT, userId: "stranger", email: "x@example.com" })).toEqual({ as: "unknown" });
    const { conversation } = await recordInstall(deps, { tenantId: TENANT, userId: aad, reference: { conversation: { id: "a:1" } } });
    expect(await storage.conversations.get(TENANT, aad)).toEqual({ ...conversation, supplierId: supplier.id, contactId: contact.id });
  });
});
