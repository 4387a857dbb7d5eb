import { beforeAll, describe, expect, inject, it } from "vitest";
import type { BotConversation, DispatchRecord, Prompt, ReminderRecord } from "@toms/domain";
import { BOT_CONVERSATIONS_TABLE, BotConversationRepository } from "./bot-conversations.js";
import { DISPATCHES_TABLE, DispatchRepository } from "./dispatches.js";
import { isStorageError } from "./errors.js";
import { REMINDER_INDEX_TABLE, REMINDERS_TABLE, ReminderRepository } from "./reminders.js";
import { TableStore } from "./store.js";

declare module "vitest" {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}

const prefix = `b${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`;
let store: TableStore;
let conversations: BotConversationRepository;
let dispatches: DispatchRepository;
let reminders: ReminderRepository;
beforeAll(async () => {
  store = new TableStore({ connectionString: inject("azuriteConnectionString") }, prefix);
  await store.ensureTables([BOT_CONVERSATIONS_TABLE, DISPATCHES_TABLE, REMINDERS_TABLE, REMINDER_INDEX_TABLE]);
  conversations = new BotConversationRepository(store);
  dispatches = new DispatchRepository(store);
  reminders = new ReminderRepository(store);
});

const AT = "2026-04-20T09:00:00.000Z";

describe("BotConversationRepository", () => {
  it("keeps the latest conversation of a person, reads it back whole, and forgets it", async () => {
    const tenantId = crypto.randomUUID();
    const first: BotConversation = { tenantId, userId: "aad|1", name: "Ana Silva", reference: { conversation: { id: "a:1" }, serviceUrl: "http://127.0.0.1:1/" }, installedAt: AT, updatedAt: AT };
    await conversations.save(first);
    const later: BotConversation = { ...first, email: "ana@beta.example", reference: { conversation: { id: "a:2" } }, supplierId: "s-1", contactId: "c-1", updatedAt: "2026-04-21T09:00:00.000Z" };
    await conversations.save(later);
    expect(await conversations.get(tenantId, "aad|1")).toEqual(later);
    expect(await conversations.all(tenantId)).toEqual([later]);
    await conversations.remove(tenantId, "aad|1");
    expect(await conversations.get(tenantId, "aad|1")).toBeUndefined();
    await conversations.remove(tenantId, "aad|1");
  });
});

function prompt(contractId: string): Prompt {
  return { kind: "update-due", contractId, contractReference: "CCC-1", contractTitle: "Bins", kpiId: "k|1", period: "2026-03", due: "2026-04-14", recipient: { userId: "aad-1", as: "supplier-contact" }, round: "" };
}

function record(contractId: string, owner: string): DispatchRecord {
  return { key: `update-due|${contractId}|k$7C1|2026-03|aad-1|-`, id: crypto.randomUUID(), prompt: prompt(contractId), state: "claimed", owner, leaseUntil: "2026-04-20T09:02:00.000Z", claimedAt: AT, attempts: 0 };
}

describe("DispatchRepository", () => {
  it("claims a key once when two claim it at the same moment; both answer the one stored", async () => {
    const contractId = crypto.randomUUID();
    const [a, b] = await Promise.all([dispatches.claim(record(contractId, "i-a")), dispatches.claim(record(contractId, "i-b"))]);
    const results = [a, b];
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const stored = await dispatches.ofContract(contractId);
    expect(stored).toHaveLength(1);
    const winner = results.find((r) => r.created);
    const loser = results.find((r) => !r.created);
    if (!winner?.created || !loser || loser.created) throw new Error("expected one winner");
    expect(stored[0]?.owner).toBe(winner.record.owner);
    expect(loser.existing.owner).toBe(winner.record.owner);
    expect(stored[0]?.prompt).toEqual(prompt(contractId));
  });

  it("replaces with the ETag read, and refuses a stale one without changing the row", async () => {
    const contractId = crypto.randomUUID();
    const claim = await dispatches.claim(record(contractId, "i-a"));
    if (!claim.created) throw new Error("expected a claim");
    const etag = await dispatches.replace({ ...claim.record, state: "sending", attempts: 1 }, claim.record.etag);
    let error: unknown;
    try {
      await dispatches.replace({ ...claim.record, owner: "i-b" }, claim.record.etag);
    } catch (caught) {
      error = caught;
    }
    expect(isStorageError(error, "precondition-failed")).toBe(true);
    const [stored] = await dispatches.ofContract(contractId);
    expect(stored).toMatchObject({ state: "sending", attempts: 1, owner: "i-a", etag });
    expect(await dispatches.get(contractId, claim.record.key)).toEqual(stored);
  });
});

describe("ReminderRepository.markSent", () => {
  it("marks the row sent, so it is no longer among the unsent", async () => {
    const contractId = crypto.randomUUID();
    const reminder: ReminderRecord = { id: crypto.randomUUID(), contractId, kpiId: "k-1", period: "2026-03", what: "update", owedBy: "supplier", requestedBy: "tom.brennan", requestedAt: AT, day: "2026-04-20" };
    await reminders.add(reminder);
    expect((await reminders.unsent()).filter((r) => r.contractId === contractId)).toEqual([reminder]);
    await reminders.markSent(reminder, "2026-04-20T10:00:00.000Z");
    expect((await reminders.unsent()).filter((r) => r.contractId === contractId)).toEqual([]);
    const [row] = await store.all(REMINDERS_TABLE, `PartitionKey eq '${contractId}'`);
    expect(row).toMatchObject({ sent: true, sentAt: "2026-04-20T10:00:00.000Z" });
  });
});
