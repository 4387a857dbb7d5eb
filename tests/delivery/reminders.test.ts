// Reminders of what is owed, against the real service: a manager asks for one, the same item again
// that day is the one stored (also when asked at once, checked in the Reminders table), who may
// not ask is refused in words, an item not owed is refused naming the field, and the overdue list
// says who asked last; through the routes and @toms/client.
import { odata } from "@azure/data-tables";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError, TomsClient, type OwedItem, type ReminderRecord } from "@toms/client";
import { REMINDER_INDEX_TABLE, REMINDERS_TABLE } from "@toms/storage";
import { periodLabel } from "@toms/domain";
import {
  addContract,
  addKpi,
  addSupplier,
  deliveryPeople,
  DUE_DAYS,
  addDays,
  monthAfter,
  monthEnd,
  monthStart,
  PEOPLE,
  problemOf,
  review,
  sendUpdate,
  supplierContact,
  todayUk,
  type ContractMade,
  type KpiView,
  type People,
} from "../support/delivery-fixtures.js";
import { startTestService, type TestService } from "../support/service.js";

let service: TestService;
let people: People;
/** The contract's manager, signed in with their name. */
let manager: string;
let supplier: string;
let contract: ContractMade;
let reported: KpiView;
let councils: KpiView;

const today = todayUk();
const month = (n: number) => monthAfter(today, n);
/** The latest month whose update is past due (months -2 and earlier always are). */
const owedMonth = month(-3);

beforeAll(async () => {
  service = await startTestService();
  people = await deliveryPeople(service);
  manager = await service.token(PEOPLE.manager, "contract-manager", { name: "Tom Brennan" });
  const supplierId = await addSupplier(service, people.admin);
  supplier = await supplierContact(service, supplierId);
  contract = await addContract(service, people.admin, { supplierId, startDate: monthStart(month(-8)), endDate: monthEnd(month(8)) });
  reported = await addKpi(service, manager, contract.id, { reporter: "supplier", title: "Streets cleansed on time" });
  councils = await addKpi(service, manager, contract.id, { reporter: "manager", title: "Complaints answered" });
  // Month -4 accepted (nothing owed), month -5 waiting for review (a review owed by the manager).
  await review(service, manager, contract.id, reported.id, (await sendUpdate(service, supplier, contract.id, reported.id, month(-4), 95)).id, { decision: "approve" });
  await sendUpdate(service, supplier, contract.id, reported.id, month(-5), 93);
});
afterAll(() => service.close());

function remind(token: string, body: unknown, contractId = contract.id): Promise<Response> {
  return service.call(`/api/contracts/${contractId}/reminders`, { method: "POST", token, body });
}

/** The Reminders rows stored for the contract. */
async function storedRows(contractId = contract.id) {
  return service.storage.store.all(REMINDERS_TABLE, odata`PartitionKey eq ${contractId}`);
}

/** The copies of each item's latest reminder kept for the overdue list, of the contract. */
async function latestRows(contractId = contract.id) {
  return (await service.storage.store.all(REMINDER_INDEX_TABLE, odata`PartitionKey eq ${"latest"}`)).filter((r) => r.contractId === contractId);
}

async function overdue(token = people.admin): Promise<OwedItem[]> {
  const response = await service.call("/api/dashboard/overdue", { token });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: OwedItem[] }).items;
}

describe("asking for a reminder", () => {
  let first: ReminderRecord;

  it("a manager asks for one of an update the supplier owes: 201, stored once under its item and UK day", async () => {
    const before = Date.now();
    const response = await remind(manager, { kpiId: reported.id, period: owedMonth, what: "update" });
    expect(response.status).toBe(201);
    expect(response.headers.get("idempotent-replayed")).toBeNull();
    first = (await response.json()) as ReminderRecord;
    expect(first).toMatchObject({ contractId: contract.id, kpiId: reported.id, period: owedMonth, what: "update", owedBy: "supplier", requestedBy: PEOPLE.manager, requestedByName: "Tom Brennan", day: today });
    expect(first.sentAt).toBeUndefined();
    expect(Date.parse(first.requestedAt)).toBeGreaterThanOrEqual(before - 1000);
    const rows = await storedRows();
    expect(rows.map((r) => [r.rowKey, r.id, r.kpiId, r.period, r.what, r.owedBy, r.requestedBy, r.requestedAt, r.day, r.sent])).toEqual([[`${reported.id}|${owedMonth}|update|${today}`, first.id, reported.id, owedMonth, "update", "supplier", PEOPLE.manager, first.requestedAt, today, false]]);
  });

  it("asked again the same day, by anyone, answers the reminder stored first (200, Idempotent-Replayed) and stores nothing", async () => {
    const again = await remind(people.admin, { kpiId: reported.id, period: owedMonth, what: "update" });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(first);
    expect(await storedRows()).toHaveLength(1);
  });

  it("asked for at once several times, one is stored and the others answer it", async () => {
    const period = month(-6);
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => remind(i % 2 ? people.admin : manager, { kpiId: reported.id, period, what: "update" })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    const bodies = (await Promise.all(answers.map((a) => a.json()))) as ReminderRecord[];
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(new Set(bodies.map((b) => b.requestedAt)).size).toBe(1);
    const rows = (await storedRows()).filter((r) => r.period === period);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe(bodies[0]?.id);
    const latest = (await latestRows()).filter((r) => r.period === period);
    expect(latest.map((r) => [r.id, r.requestedAt])).toEqual([[rows[0]?.id, rows[0]?.requestedAt]]);
  });

  it("of a review the manager owes, and of an update the council reports, says the manager owes them", async () => {
    const reviewAsked = await remind(people.admin, { kpiId: reported.id, period: month(-5), what: "review" });
    expect(reviewAsked.status).toBe(201);
    expect(await reviewAsked.json()).toMatchObject({ what: "review", owedBy: "manager", requestedBy: PEOPLE.admin });
    const updateAsked = await remind(people.admin, { kpiId: councils.id, period: owedMonth, what: "update" });
    expect(updateAsked.status).toBe(201);
    expect(await updateAsked.json()).toMatchObject({ what: "update", owedBy: "manager" });
  });
});

describe("who may ask", () => {
  it("a supplier's contact is refused in words (403); nothing is stored", async () => {
    const before = (await storedRows()).length;
    const response = await remind(supplier, { kpiId: reported.id, period: month(-7), what: "update" });
    expect(response.status).toBe(403);
    expect((await problemOf(response)).detail).toBe("Only procurement officers and the contract's manager can ask for reminders of what is owed on it.");
    expect(await storedRows()).toHaveLength(before);
  });

  it("an evaluator is refused (403); another contract manager does not see the contract (404)", async () => {
    expect((await remind(people.evaluator, { kpiId: reported.id, period: month(-7), what: "update" })).status).toBe(403);
    const other = await remind(people.otherManager, { kpiId: reported.id, period: month(-7), what: "update" });
    expect(other.status).toBe(404);
    expect((await problemOf(other)).detail).toBe("The contract was not found, or you do not have access to it.");
  });
});

describe("what cannot be reminded of", () => {
  it("a period with nothing owed: 409 naming period", async () => {
    const response = await remind(manager, { kpiId: reported.id, period: month(-4), what: "update" });
    const problem = await problemOf(response);
    expect(problem.status).toBe(409);
    expect(problem.errors?.map((e) => e.field)).toEqual(["period"]);
    expect(problem.detail).toBe(`The reminder: period ${periodLabel(month(-4))} of "Streets cleansed on time" is owed by nobody just now: its update is in, or it is not due yet, so there is nobody to remind.`);
  });

  it("a period not yet due: 409 naming period", async () => {
    const open = addDays(monthEnd(month(-1)), DUE_DAYS) >= today ? month(-1) : month(0);
    const problem = await problemOf(await remind(manager, { kpiId: reported.id, period: open, what: "update" }));
    expect([problem.status, problem.errors?.map((e) => e.field)]).toEqual([409, ["period"]]);
  });

  it("the wrong thing owed: 409 naming what, saying what is owed", async () => {
    const problem = await problemOf(await remind(manager, { kpiId: reported.id, period: month(-5), what: "update" }));
    expect(problem.status).toBe(409);
    expect(problem.errors).toEqual([{ field: "what", message: expect.stringContaining("the contract manager owes a review, not an update") as string }]);
  });

  it("a KPI not the contract's, or a period not the KPI's: 422 naming kpiId or period", async () => {
    const other = await addContract(service, people.admin, { supplierId: contract.supplierId, startDate: contract.startDate, endDate: contract.endDate });
    const elsewhere = await addKpi(service, people.admin, other.id, { reporter: "supplier" });
    const wrongKpi = await problemOf(await remind(manager, { kpiId: elsewhere.id, period: owedMonth, what: "update" }));
    expect([wrongKpi.status, wrongKpi.errors?.map((e) => e.field)]).toEqual([422, ["kpiId"]]);
    const outside = await problemOf(await remind(manager, { kpiId: reported.id, period: month(-20), what: "update" }));
    expect([outside.status, outside.errors?.[0]?.field, outside.errors?.[0]?.message]).toEqual([422, "period", `${month(-20)} is outside the contract (${contract.startDate} to ${contract.endDate})`]);
    const quarter = await problemOf(await remind(manager, { kpiId: reported.id, period: "2026-Q1", what: "update" }));
    expect([quarter.status, quarter.errors?.[0]?.field]).toEqual([422, "period"]);
  });

  it("a request without what is owed, or with fields not known: 400 naming them", async () => {
    const missing = await problemOf(await remind(manager, { kpiId: reported.id, period: owedMonth }));
    expect([missing.status, missing.errors?.map((e) => e.field)]).toEqual([400, ["what"]]);
    const extra = await problemOf(await remind(manager, { kpiId: reported.id, period: owedMonth, what: "update", to: "leanne@example.com" }));
    expect(extra.status).toBe(400);
  });
});

describe("the overdue list", () => {
  it("shows the latest reminder of each item asked for, and null for the rest", async () => {
    const items = (await overdue()).filter((i) => i.contractId === contract.id);
    const item = (kpiId: string, period: string, what: string) => items.find((i) => i.kpiId === kpiId && i.period === period && i.what === what);
    const stored = await storedRows();
    const rowOf = (kpiId: string, period: string, what: string) => stored.find((r) => r.kpiId === kpiId && r.period === period && r.what === what);
    expect(item(reported.id, owedMonth, "update")?.reminded).toEqual({ at: rowOf(reported.id, owedMonth, "update")?.requestedAt, by: PEOPLE.manager, byName: "Tom Brennan" });
    expect(item(reported.id, month(-5), "review")?.reminded).toEqual({ at: rowOf(reported.id, month(-5), "review")?.requestedAt, by: PEOPLE.admin, byName: PEOPLE.admin });
    expect(item(councils.id, owedMonth, "update")?.reminded?.by).toBe(PEOPLE.admin);
    // Month -7 was asked for only by those refused: nobody has reminded of it.
    expect(item(reported.id, month(-7), "update")?.reminded).toBeNull();
    const remindedItems = items.filter((i) => i.reminded !== null);
    expect(remindedItems).toHaveLength(stored.length);
  });

  it("shows a manager's reminders to the manager and the supplier's contact alike", async () => {
    const mine = (await overdue(manager)).find((i) => i.kpiId === reported.id && i.period === owedMonth);
    expect(mine?.reminded?.by).toBe(PEOPLE.manager);
    const theirs = (await overdue(supplier)).find((i) => i.kpiId === reported.id && i.period === owedMonth);
    expect(theirs?.reminded?.by).toBe(PEOPLE.manager);
  });
});

describe("the latest reminder of an item", () => {
  it("is the newest of the days it was reminded on, whatever order they are stored in", async () => {
    const period = month(-8);
    const base = { contractId: contract.id, kpiId: reported.id, period, what: "update" as const, owedBy: "supplier" as const, requestedBy: PEOPLE.admin };
    const on = (day: string) => ({ ...base, id: `test-${day}`, day, requestedAt: `${day}T09:00:00.000Z` });
    const [twoDaysAgo, yesterday] = [addDays(today, -2), addDays(today, -1)];
    await service.storage.reminders.add(on(yesterday));
    const asked = await remind(manager, { kpiId: reported.id, period, what: "update" });
    expect(asked.status).toBe(201);
    const todays = (await asked.json()) as ReminderRecord;
    // One stored late, from two days ago: it is kept, and is not the latest.
    await service.storage.reminders.add(on(twoDaysAgo));
    expect((await storedRows()).filter((r) => r.period === period).map((r) => r.day).sort()).toEqual([twoDaysAgo, yesterday, today]);
    expect((await latestRows()).filter((r) => r.period === period).map((r) => r.id)).toEqual([todays.id]);
    expect((await overdue()).find((i) => i.kpiId === reported.id && i.period === period)?.reminded).toEqual({ at: todays.requestedAt, by: PEOPLE.manager, byName: "Tom Brennan" });
  });

  it("is written again by a repeat when its copy was lost", async () => {
    const [copy] = (await latestRows()).filter((r) => r.period === owedMonth && r.kpiId === reported.id);
    if (!copy) throw new Error("No copy of the first reminder.");
    await service.storage.store.delete(REMINDER_INDEX_TABLE, copy.partitionKey, copy.rowKey);
    expect((await overdue()).find((i) => i.kpiId === reported.id && i.period === owedMonth)?.reminded).toBeNull();
    expect((await remind(people.admin, { kpiId: reported.id, period: owedMonth, what: "update" })).status).toBe(200);
    expect((await overdue()).find((i) => i.kpiId === reported.id && i.period === owedMonth)?.reminded?.by).toBe(PEOPLE.manager);
  });
});

describe("@toms/client", () => {
  it("remind() says whether the reminder was stored now or asked for already today", async () => {
    const client = new TomsClient({ baseUrl: service.url, token: async () => manager });
    const period = month(-7);
    const made = await client.remind(contract.id, { kpiId: reported.id, period, what: "update" });
    const again = await client.remind(contract.id, { kpiId: reported.id, period, what: "update" });
    expect([made.replayed, again.replayed]).toEqual([false, true]);
    expect(again.reminder).toEqual(made.reminder);
    expect(made.reminder).toMatchObject({ period, what: "update", owedBy: "supplier", day: today });
    const refused = await client.remind(contract.id, { kpiId: reported.id, period: month(-4), what: "update" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ApiError);
    expect([(refused as ApiError).status, (refused as ApiError).fields.map((f) => f.field)]).toEqual([409, ["period"]]);
  });
});
