// Writes are limited per signed-in user per minute (TOMS_WRITE_LIMIT_PER_MINUTE, 600 by default):
// a supplier sending a year of monthly updates for ten KPIs in one parallel burst is never stopped,
// while over a small limit the next write gets 429 with Retry-After, is not stored, and nobody
// else is held up. Against the running service on the test Azurite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addContract, addKpi, addSupplier, deliveryPeople, monthAfter, monthEnd, monthStart, postUpdate, readUpdates, supplierContact, todayUk, type People } from "../support/delivery-fixtures.js";
import { startTestService, type TestService } from "../support/service.js";

const month = (n: number) => monthAfter(todayUk(), n);
const term = () => ({ startDate: monthStart(month(-24)), endDate: monthEnd(month(12)) });

describe("a supplier's year of monthly updates, at the default limit", () => {
  let service: TestService;
  let people: People;
  beforeAll(async () => {
    service = await startTestService();
    people = await deliveryPeople(service);
  });
  afterAll(() => service.close());

  it("takes all 120 at once (12 months x 10 KPIs) and stores every one", async () => {
    const supplierId = await addSupplier(service, people.admin);
    const contract = await addContract(service, people.admin, { supplierId, ...term() });
    const kpis = await Promise.all(Array.from({ length: 10 }, () => addKpi(service, people.manager, contract.id)));
    const supplier = await supplierContact(service, supplierId);
    const months = Array.from({ length: 12 }, (_, i) => month(-12 + i));
    const answers = await Promise.all(kpis.flatMap((kpi) => months.map((period, i) => postUpdate(service, supplier, contract.id, kpi.id, { period, value: 80 + i }))));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    for (const kpi of kpis) expect((await readUpdates(service, supplier, contract.id, kpi.id)).map((u) => u.period).sort()).toEqual(months);
  }, 120_000);
});

describe("over a small limit (TOMS_WRITE_LIMIT_PER_MINUTE=5)", () => {
  let service: TestService;
  let admin: string;
  let contractId: string;
  let kpiId: string;
  let supplierId: string;
  beforeAll(async () => {
    service = await startTestService({ TOMS_WRITE_LIMIT_PER_MINUTE: "5" });
    // The council's setup is four writes of its own people: within their limits.
    const people = await deliveryPeople(service);
    admin = people.admin;
    supplierId = await addSupplier(service, admin);
    contractId = (await addContract(service, admin, { supplierId, ...term() })).id;
    kpiId = (await addKpi(service, people.manager, contractId)).id;
  });
  afterAll(() => service.close());

  it("refuses the sixth write with 429 and Retry-After, stores nothing of it, and still lets the user read", async () => {
    const supplier = await supplierContact(service, supplierId, "limited.contact");
    for (let i = 1; i <= 5; i++) expect((await postUpdate(service, supplier, contractId, kpiId, { period: month(-i), value: 90 })).status, `write ${i}`).toBe(201);
    const sixth = await postUpdate(service, supplier, contractId, kpiId, { period: month(-6), value: 90 });
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get("content-type")).toContain("application/problem+json");
    const seconds = Number(sixth.headers.get("retry-after"));
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    const problem = (await sixth.json()) as { status: number; title: string; detail: string };
    expect(problem).toMatchObject({ status: 429, title: "Too many changes at once" });
    expect(problem.detail).toContain("more than 5 changes in a minute, so this one was not saved");
    expect(problem.detail).toContain(`Wait ${seconds} seconds`);
    // Reads are not limited; the refused update is not there.
    const periods = (await readUpdates(service, supplier, contractId, kpiId)).map((u) => u.period);
    expect(periods).toHaveLength(5);
    expect(periods).not.toContain(month(-6));
  });

  it("does not hold up another user", async () => {
    const other = await supplierContact(service, supplierId, "other.contact");
    expect((await postUpdate(service, other, contractId, kpiId, { period: month(-7), value: 90 })).status).toBe(201);
  });
});
