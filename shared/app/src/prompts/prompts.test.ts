import { afterAll, describe, expect, inject, it } from "vitest";
import { DEFAULT_MONEY_LABEL, DEFAULT_PROMPT_SETTINGS, dispatchKey, legacyDispatchKey, type BotConversation, type DispatchRecord, type Principal } from "@toms/domain";
import { connectStorage, type Storage } from "@toms/storage";
import { createAppDeps, type AppDeps } from "../deps.js";
import { stableId } from "../stable-id.js";
import { createKpi } from "../delivery/create-kpi.js";
import { listOverdueUpdates } from "../delivery/dashboards.js";
import { recordDispatchFailure, recordDispatchRetry, recordDispatchSent, startDispatchAttempt } from "./dispatch-transitions.js";
import { identifyBotUser } from "./identify-bot-user.js";
import { promptsForUser } from "./prompts-for-user.js";
import { recordInstall } from "./record-install.js";
import { runPromptPass } from "./run-prompt-pass.js";
import { recordMailBounce } from "./record-mail-bounce.js";
import { listSupplierContacts, setContactChannel } from "../suppliers/supplier-contacts.js";
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

describe("prompts to supplier contacts, by Teams or by e-mail", () => {
  /** A contract whose KPI the supplier reports, with two contacts: Ana (in Teams once installed) and Bo (e-mail only). */
  async function supplierReported() {
    const { storage, at } = await fresh();
    const supplier = await storage.suppliers.create({ name: "Delta Ltd", vcse: false });
    const contract = await storage.contracts.create({ reference: "CCC-MAIL-1", title: "Street cleaning", supplierId: supplier.id, category: "services", value: 50_000, startDate: "2026-01-01", endDate: "2027-12-31", managerId: MANAGER, managerName: "Tom Brennan", serviceArea: "Environment" });
    const kpi = await createKpi(at(new Date("2026-01-02T10:00:00.000Z")), admin, contract.id, { title: "Streets swept", unit: "%", target: 95, direction: "higher", frequency: "monthly", reporter: "supplier" });
    if (!kpi.ok) throw new Error(kpi.message);
    const aad = crypto.randomUUID();
    const ana = await storage.suppliers.addContact(supplier.id, { email: "ana@delta.example", name: "Ana Silva", aadObjectId: aad });
    const bo = await storage.suppliers.addContact(supplier.id, { email: "bo@delta.example", name: "Bo Li" });
    return { storage, at, supplierId: supplier.id, contractId: contract.id, kpiId: kpi.value.id, ana, bo, aad };
  }
  const mailPass = (deps: AppDeps, instance: string, outbox: PromptOutbox, mailOn: boolean) => runPromptPass(deps, { instance, settings: DEFAULT_PROMPT_SETTINGS, leaseSeconds: 120, scheduled: true, outbox, mailOn });

  it("asks every contact by contact id: Teams where there is a chat, e-mail otherwise, with the address on the claim", async () => {
    const { storage, at, supplierId, contractId, ana, bo, aad } = await supplierReported();
    const deps = at(MORNING);
    await recordInstall(deps, { tenantId: TENANT, userId: aad, name: "Ana Silva", reference: { conversation: { id: "a:ana" } } });
    const outbox = collecting();
    const summary = await mailPass(deps, "i-a", outbox, true);
    const mine = (await storage.dispatches.ofContract(contractId)).filter((d) => d.prompt.recipient.as === "supplier-contact");
    // January to March are owed: one key per period for each contact, whatever their channel.
    expect([...new Set(mine.map((d) => d.prompt.recipient.userId))].sort()).toEqual([`contact:${ana.id}`, `contact:${bo.id}`].sort());
    expect(mine.filter((d) => d.prompt.recipient.userId === `contact:${ana.id}`).every((d) => d.channel === "teams")).toBe(true);
    expect(mine.filter((d) => d.prompt.recipient.userId === `contact:${bo.id}`).every((d) => d.channel === "email" && d.address === "bo@delta.example")).toBe(true);
    const toAna = mine.find((d) => d.prompt.recipient.userId === `contact:${ana.id}`);
    const toBo = mine.find((d) => d.prompt.recipient.userId === `contact:${bo.id}`);
    expect(toAna).toMatchObject({ channel: "teams", state: "claimed" });
    expect(toAna?.address).toBeUndefined();
    expect(toBo).toMatchObject({ channel: "email", address: "bo@delta.example", state: "claimed" });
    expect(toBo?.key).toContain(encodeURIComponent(`contact:${bo.id}`));
    const targets = new Map(outbox.records.map((r, i) => [r.id, outbox.targets[i]]));
    expect(targets.get(toAna!.id)).toMatchObject({ channel: "teams", conversation: { userId: aad } });
    expect(targets.get(toBo!.id)).toEqual({ channel: "email" });
    expect(summary.withoutChannel).toBe(0);
    // The manager's prompts go to Teams only, and the manager has no chat here.
    expect(summary.withoutConversation).toBeGreaterThan(0);
    // Ana's Teams user sees her prompts in chat (status), by her Entra id.
    const anas = await promptsForUser(deps, { userId: aad, name: "Ana Silva", roles: ["supplier"], supplierId });
    expect(anas.length).toBeGreaterThan(0);
    expect(anas.every((p) => p.recipient.userId === `contact:${ana.id}`)).toBe(true);
  });

  it("does not ask again what was sent to a contact under the key of before (their Entra id)", async () => {
    const { storage, at, supplierId, contractId, ana, aad } = await supplierReported();
    const deps = at(MORNING);
    await recordInstall(deps, { tenantId: TENANT, userId: aad, name: "Ana Silva", reference: { conversation: { id: "a:ana" } } });
    const owed = await promptsForUser(deps, { userId: aad, name: "Ana Silva", roles: ["supplier"], supplierId });
    expect(owed.length).toBeGreaterThan(0);
    for (const prompt of owed) {
      const old = { ...prompt, recipient: { userId: aad, as: "supplier-contact" as const, name: "Ana Silva" } };
      const key = dispatchKey(old);
      expect(key).toBe(legacyDispatchKey(prompt));
      await storage.dispatches.claim({ key, id: stableId(`toms-bot:dispatch:${key}`), prompt: old, state: "sent", owner: "old", leaseUntil: MORNING.toISOString(), claimedAt: MORNING.toISOString(), attempts: 1, sentAt: MORNING.toISOString() });
    }
    const outbox = collecting();
    await mailPass(deps, "i-a", outbox, true);
    expect(outbox.records.filter((r) => r.prompt.recipient.userId === `contact:${ana.id}`)).toEqual([]);
    expect((await storage.dispatches.ofContract(contractId)).filter((d) => d.prompt.recipient.userId === `contact:${ana.id}`)).toEqual([]);
  });

  it("claims nothing by e-mail while mail is off, and counts those prompts as without a channel", async () => {
    const { storage, at, contractId } = await supplierReported();
    const summary = await mailPass(at(MORNING), "i-a", collecting(), false);
    expect(summary.claimed).toBe(0);
    expect(summary.withoutChannel).toBe(summary.due - summary.withoutConversation);
    expect(summary.withoutChannel).toBeGreaterThan(0);
    expect(await storage.dispatches.ofContract(contractId)).toEqual([]);
  });

  it("never asks the same key again when the contact's channel changes after an e-mail", async () => {
    const { storage, at, supplierId, contractId, bo } = await supplierReported();
    const deps = at(MORNING);
    const first = collecting();
    await mailPass(deps, "i-a", first, true);
    const toBo = first.records.find((r) => r.prompt.recipient.userId === `contact:${bo.id}`)!;
    const sending = await startDispatchAttempt(deps, toBo);
    if (!sending.ok) throw new Error(sending.message);
    await recordDispatchSent(deps, sending.value, "<m@coventry.gov.uk>");
    // Bo is now in Teams and set to Teams: the key is the same, so nothing new is claimed for him.
    const bosAad = crypto.randomUUID();
    expect(await storage.suppliers.linkContactIdentity(supplierId, bo.id, bosAad)).toBe(true);
    await recordInstall(deps, { tenantId: TENANT, userId: bosAad, reference: { conversation: { id: "a:bo" } } });
    const changed = await setContactChannel(deps, admin, supplierId, bo.id, "teams");
    expect(changed).toMatchObject({ ok: true, value: { channel: "teams", teamsChat: true } });
    const again = collecting();
    const summary = await mailPass(at(later(300)), "i-b", again, true);
    // Bo's other periods, claimed for e-mail and not sent yet, are taken over by e-mail still; the sent one is left.
    const bos = again.records.flatMap((r, i) => (r.prompt.recipient.userId === `contact:${bo.id}` ? [{ r, target: again.targets[i] }] : []));
    expect(bos.every(({ r, target }) => r.channel === "email" && target?.channel === "email")).toBe(true);
    expect(bos.map(({ r }) => r.key)).not.toContain(toBo.key);
    expect((await storage.dispatches.get(contractId, toBo.key))).toMatchObject({ state: "sent", channel: "email" });
    expect(summary.claimed).toBe(0);
  });

  it("records a bounce on the e-mail's dispatch, shown in the Overdue list with the address", async () => {
    const { storage, at, contractId, bo } = await supplierReported();
    const deps = at(MORNING);
    const outbox = collecting();
    await mailPass(deps, "i-a", outbox, true);
    const toBo = outbox.records.find((r) => r.prompt.recipient.userId === `contact:${bo.id}`)!;
    const sending = await startDispatchAttempt(deps, toBo);
    if (!sending.ok) throw new Error(sending.message);
    await recordDispatchSent(deps, sending.value, "<m@coventry.gov.uk>");
    const bounce = { dispatchId: `${contractId}/${toBo.id}`, recipients: [{ address: "bo@delta.example", action: "failed", status: "5.1.1", diagnostic: "smtp; 550 5.1.1 User unknown" }] };
    // A report whose failed recipient is someone else (a forward further on) records nothing on Bo's dispatch.
    const elsewhere = { dispatchId: bounce.dispatchId, recipients: [{ address: "bo.old@elsewhere.example", action: "failed", status: "5.1.1", diagnostic: "smtp; 550 5.1.1 User unknown" }, { address: "bo@delta.example", action: "delayed", status: "4.4.7" }] };
    expect(await recordMailBounce(at(later(59)), elsewhere)).toEqual({ ok: true, value: { recorded: 0 } });
    expect(await storage.dispatches.get(contractId, toBo.key)).toMatchObject({ state: "sent" });
    expect((await storage.dispatches.get(contractId, toBo.key))?.addressFailed).toBeUndefined();
    // Bo's own address, whatever its case: recorded.
    const upper = { ...bounce, recipients: [elsewhere.recipients[0]!, { ...bounce.recipients[0]!, address: "Bo@Delta.Example" }] };
    expect(await recordMailBounce(at(later(60)), upper)).toEqual({ ok: true, value: { recorded: 1 } });
    expect(await recordMailBounce(at(later(61)), bounce)).toEqual({ ok: true, value: { recorded: 0 } });
    const stored = await storage.dispatches.get(contractId, toBo.key);
    expect(stored).toMatchObject({ state: "failed", bouncedAt: later(60).toISOString(), addressFailed: true, error: "The e-mail to bo@delta.example came back undelivered: smtp; 550 5.1.1 User unknown" });
    // By the Message-ID alone (no contract): found by a scan.
    expect(await recordMailBounce(deps, { dispatchId: toBo.id, recipients: bounce.recipients })).toEqual({ ok: true, value: { recorded: 0 } });
    const overdue = await listOverdueUpdates(at(later(62)), admin);
    if (!overdue.ok) throw new Error(overdue.message);
    const item = overdue.value.find((i) => i.contractId === contractId && i.prompted);
    expect(item?.prompted).toMatchObject({ failedAddresses: ["bo@delta.example"] });
    expect(item?.prompted?.channels).toContain("email");
    // Not ours, or not an e-mail: said in words.
    expect(await recordMailBounce(deps, { recipients: bounce.recipients })).toMatchObject({ ok: false, kind: "unprocessable" });
    expect(await recordMailBounce(deps, { dispatchId: `${contractId}/${crypto.randomUUID()}`, recipients: bounce.recipients })).toMatchObject({ ok: false, kind: "not-found" });
    const toAna = outbox.records.find((r) => r.channel === "teams" && r.prompt.recipient.as === "supplier-contact");
    if (toAna) expect(await recordMailBounce(deps, { dispatchId: `${contractId}/${toAna.id}`, recipients: bounce.recipients })).toMatchObject({ ok: false, kind: "not-found" });
  });

  it("lets an admin and the supplier's contract manager choose a contact's channel, nobody else", async () => {
    const { at, supplierId, bo } = await supplierReported();
    const deps = at(MORNING);
    const manager: Principal = { userId: MANAGER, name: "Tom Brennan", roles: ["contract-manager"] };
    const other: Principal = { userId: crypto.randomUUID(), name: "Other", roles: ["contract-manager"] };
    expect(await setContactChannel(deps, manager, supplierId, bo.id, "email")).toMatchObject({ ok: true, value: { id: bo.id, channel: "email", teamsChat: false } });
    expect(await setContactChannel(deps, other, supplierId, bo.id, "teams")).toMatchObject({ ok: false, kind: "forbidden" });
    expect(await setContactChannel(deps, { ...admin, roles: ["evaluator"] }, supplierId, bo.id, "teams")).toMatchObject({ ok: false, kind: "forbidden" });
    const automatic = await setContactChannel(deps, admin, supplierId, bo.id, "automatic");
    expect(automatic.ok).toBe(true);
    expect(automatic.ok ? automatic.value.channel : "not ok").toBeUndefined();
    expect(await setContactChannel(deps, admin, supplierId, crypto.randomUUID(), "email")).toMatchObject({ ok: false, kind: "not-found" });
    const listed = await listSupplierContacts(deps, supplierId);
    expect(listed.ok && listed.value.map((c) => c.teamsChat)).toEqual([false, false]);
  });
});
