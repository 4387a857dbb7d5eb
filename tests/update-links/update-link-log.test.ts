// An update link is a supplier contact's only key: the real service, its log captured, is asked for a link every way a browser or a mistype could, and no log line holds the token.
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppDeps, issueUpdateLink } from "@toms/app";
import { createLogger } from "@toms/api";
import { addContract, addDays, addKpi, addSupplier, deliveryPeople, todayUk } from "../support/delivery-fixtures.js";
import { startTestService, type TestService } from "../support/service.js";

let service: TestService;
let token: string;
let text = "";
const stream = new PassThrough();
stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
const lines = () => text.split("\n").filter(Boolean);

beforeAll(async () => {
  service = await startTestService({}, createLogger("info", { destination: stream }));
  const people = await deliveryPeople(service);
  const supplierId = await addSupplier(service, people.admin);
  const contact = await service.call(`/api/suppliers/${supplierId}/contacts`, { method: "POST", token: people.admin, body: { email: "log@supplier.example", name: "Lou Grant" } });
  const contactId = ((await contact.json()) as { id: string }).id;
  const contract = await addContract(service, people.admin, { supplierId, startDate: `${addDays(todayUk(), -120).slice(0, 7)}-01`, endDate: addDays(todayUk(), 365) });
  await addKpi(service, people.manager, contract.id);
  const deps = createAppDeps(service.storage, { moneyLabel: "£", updateLinks: { publicUrl: service.url, days: 30 } });
  const issued = await issueUpdateLink(deps, { contractId: contract.id, contactId });
  if (!issued.ok) throw new Error(issued.message);
  token = issued.value.token;
}, 60_000);
afterAll(() => service?.close());

async function linkLinesAtLeast(count: number): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const found = lines().filter((l) => /\/update\//i.test(l));
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return lines().filter((l) => /\/update\//i.test(l));
}

describe("the service's log and an update link", () => {
  it("logs every request to a link as /update/[link], and no line holds the token", async () => {
    const form = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "formKey=abcdefghij&item-0-kpiId=x&item-0-period=2026-01&item-0-value=1" };
    const requests: [string, RequestInit?][] = [[`/update/${token}`], [`/update/${token}?from=mail`], [`/UPDATE/${token}`], [`/update/${token}`, form], [`/update/${token}/fresh-link`, { method: "POST" }], [`/update/${token}/other`], [`/update/${token.slice(0, -1)}Z`]];
    for (const [path, init] of requests) await fetch(`${service.url}${path}`, { redirect: "manual", ...init });
    const logged = await linkLinesAtLeast(requests.length);
    expect(logged.length).toBeGreaterThanOrEqual(requests.length);
    expect(logged.every((l) => /"\/update\/\[link\]/i.test(l))).toBe(true);
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.slice(0, 20));
  });
});
