// @toms/client against the real service: a KPI set, reported, replayed and approved through the
// client; refusals thrown as ApiError with their status and fields; dashboards and the report file
// as the routes answer them; and a service that cannot be reached.
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError, TomsClient, type KpiInput } from "@toms/client";
import { addContract, addSupplier, deliveryPeople, monthAfter, PEOPLE, monthEnd, monthStart, readUpdates, supplierContact, todayUk, type ContractMade, type People } from "../support/delivery-fixtures.js";
import { startTestService, type TestService } from "../support/service.js";

let service: TestService;
let people: People;
let supplierToken: string;
let contract: ContractMade;
let manager: TomsClient;
let supplier: TomsClient;

const month = (n: number) => monthAfter(todayUk(), n);

const kpiInput = (title: string): KpiInput => ({ title, unit: "%", target: 90, tolerance: 5, direction: "higher", frequency: "monthly", reporter: "supplier" });

beforeAll(async () => {
  service = await startTestService();
  people = await deliveryPeople(service);
  const supplierId = await addSupplier(service, people.admin);
  supplierToken = await supplierContact(service, supplierId);
  contract = await addContract(service, people.admin, { supplierId, startDate: monthStart(month(-24)), endDate: monthEnd(month(12)) });
  manager = new TomsClient({ baseUrl: service.url, token: async () => people.manager });
  supplier = new TomsClient({ baseUrl: service.url, token: async () => supplierToken });
});
afterAll(() => service.close());

/** The ApiError a call throws (fails the test if it does not throw one). */
async function refusal(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("@toms/client", () => {
  it("a manager sets a KPI, the supplier reports it (a retry is replayed, one update stored), the manager approves, and the period shows the value", async () => {
    const kpi = await manager.createKpi(contract.id, kpiInput("Streets cleansed on time"));
    expect(kpi.title).toBe("Streets cleansed on time");
    expect(kpi.etag).toMatch(/^(W\/)?"/);

    const period = month(-2);
    const key = crypto.randomUUID();
    const first = await supplier.recordUpdate(contract.id, kpi.id, { period, value: 93.5 }, key);
    const again = await supplier.recordUpdate(contract.id, kpi.id, { period, value: 93.5 }, key);
    expect(first.replayed).toBe(false);
    expect(first.update.status).toBe("pending");
    expect(again.replayed).toBe(true);
    expect(again.update.id).toBe(first.update.id);
    const stored = await readUpdates(service, people.manager, contract.id, kpi.id);
    expect(stored.map((u) => u.id)).toEqual([first.update.id]);

    const reviewed = await manager.review(contract.id, kpi.id, first.update.id, { decision: "approve" });
    expect(reviewed.status).toBe("accepted");

    const listed = (await manager.kpis(contract.id)).find((k) => k.id === kpi.id);
    const shown = listed?.periods.find((p) => p.period === period);
    expect(shown).toMatchObject({ period, value: 93.5, status: "accepted", rating: "good", updateId: first.update.id });
  });

  it("without a key, each update is sent with a new one", async () => {
    const kpi = await manager.createKpi(contract.id, kpiInput("Graffiti removed within 5 days"));
    const first = await supplier.recordUpdate(contract.id, kpi.id, { period: month(-3), value: 80 });
    const second = await supplier.recordUpdate(contract.id, kpi.id, { period: month(-4), value: 81 });
    expect([first.replayed, second.replayed]).toEqual([false, false]);
    expect(second.update.id).not.toBe(first.update.id);
  });

  it("editKpi sends If-Match: a change with a stale ETag throws ApiError 412", async () => {
    const kpi = await manager.createKpi(contract.id, kpiInput("Fly-tips cleared in 24 hours"));
    const changed = await manager.editKpi(contract.id, kpi.id, kpi.etag, { title: "Fly-tips cleared within 24 hours" });
    expect(changed.title).toBe("Fly-tips cleared within 24 hours");
    expect(changed.etag).not.toBe(kpi.etag);

    const error = await refusal(manager.editKpi(contract.id, kpi.id, kpi.etag, { title: "Fly-tips cleared the same day" }));
    expect(error.status).toBe(412);
    expect(error.detail).not.toBe("");
  });

  it("a KPI that is not valid throws ApiError 400 naming the field, with the service's words", async () => {
    const body = { ...kpiInput("Litter bins emptied"), direction: "sideways" } as unknown as KpiInput;
    const error = await refusal(manager.createKpi(contract.id, body));
    expect(error.status).toBe(400);
    expect(error.title).toBe("The request is not valid");
    expect(error.fields.map((f) => f.field)).toEqual(["direction"]);
    expect(error.fieldMessage("direction")).toBe("must be higher or lower (which way is better)");
    expect(error.message).toBe(error.detail);
  });

  it("a contract out of scope throws ApiError 404; the supplier may not set KPIs", async () => {
    const other = new TomsClient({ baseUrl: service.url, token: async () => people.otherManager });
    expect((await refusal(other.contract(contract.id))).status).toBe(404);
    expect((await refusal(supplier.createKpi(contract.id, kpiInput("Set by the supplier")))).status).toBe(403);
  });

  it("contract() answers the contract with its compliance and the ETag of GET /api/contracts/{id}", async () => {
    const read = await service.call(`/api/contracts/${contract.id}`, { token: people.manager });
    const detail = await manager.contract(contract.id);
    expect(detail.etag).toBe(read.headers.get("etag"));
    expect({ ...detail, etag: undefined }).toEqual({ ...(await read.json()), etag: undefined });
    expect(Array.isArray(detail.compliance)).toBe(true);
  });

  it("portfolio() answers what GET /api/dashboard/portfolio does", async () => {
    const plain = await service.call("/api/dashboard/portfolio", { token: people.manager });
    expect(plain.status).toBe(200);
    expect(await manager.portfolio()).toEqual(await plain.json());
  });

  it("reportFile() gives the Cabinet workbook with the name the service gave it", async () => {
    const admin = new TomsClient({ baseUrl: `${service.url}/`, token: async () => people.admin });
    const { blob, fileName } = await admin.reportFile({ format: "xlsx", year: 2025 });
    expect(fileName).toBe("social-value-2025-26.xlsx");
    expect(blob.size).toBeGreaterThan(0);
    // An xlsx is a zip: it starts "PK".
    expect(new TextDecoder().decode(new Uint8Array(await blob.arrayBuffer()).slice(0, 2))).toBe("PK");

    const csv = await admin.reportFile({ format: "csv", year: 2025, yearType: "calendar" });
    expect(csv.fileName).toBe("social-value-2025.csv");
    expect(await csv.blob.text()).toMatch(/^Group,Name,/);
  });

  it("uses the fetch it is given, called as a plain function", async () => {
    const seen: string[] = [];
    const client = new TomsClient({
      baseUrl: service.url,
      token: async () => people.manager,
      fetch: function (this: unknown, input, init) {
        // A browser's fetch throws when called on another object: the client must not do that.
        expect(this).toBeUndefined();
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    expect((await client.me()).userId).toBe(PEOPLE.manager);
    expect(seen).toEqual([`${service.url}/api/me`]);
  });

  it("a service that cannot be reached throws ApiError status 0, in words an officer can act on", async () => {
    const port = await closedPort();
    const client = new TomsClient({ baseUrl: `http://127.0.0.1:${port}`, token: async () => people.manager });
    const error = await refusal(client.portfolio());
    expect(error.status).toBe(0);
    expect(error.detail).toBe("The service cannot be reached. Check your connection and try again.");
    expect(error.fields).toEqual([]);
  });
});

/** A loopback port nothing listens on: one the system just gave out and that was closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  if (address === null || typeof address === "string") throw new Error("The test server had no port");
  return address.port;
}
