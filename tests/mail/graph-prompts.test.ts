// E-mail prompts through the Microsoft Graph transport, end to end (issue 13): the running service
// is pointed at a loopback stand-in of Graph's sendMail (tests/support/graph-stand-in.ts) that
// answers 429, then 503, then 202. One dispatch makes exactly three requests, each in Graph's MIME
// form with the bearer token, and is recorded sent after 3 attempts; a second pass sends nothing.
// A 403 (the application access policy refusing the mailbox) fails the dispatch, naming the
// address, and the Overdue view shows that address. Nothing leaves 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PassReport } from "@toms/bot";
import type { DispatchRecord } from "@toms/domain";
import { overdueOf } from "../support/bot-portfolio.js";
import { addContract, addKpi, addSupplier, deliveryPeople, monthAfter, monthStart, sendUpdate, supplierContact, todayUk, type People } from "../support/delivery-fixtures.js";
import { startGraphStandIn, type GraphRequest, type GraphStandIn } from "../support/graph-stand-in.js";
import { startTestService, type TestService } from "../support/service.js";

const MAILBOX = "contract-updates@coventry.gov.uk";
const SEND_MAIL = `/v1.0/users/${MAILBOX}/sendMail`;

let standIn: GraphStandIn;
let service: TestService;
let people: People;

async function pass(): Promise<PassReport> {
  const response = await service.call("/api/admin/prompts/run", { method: "POST", token: people.admin });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as PassReport;
}

/**
 * A contract that began two months ago with one monthly KPI the supplier reports, and one supplier
 * contact with no Teams chat. Last month is answered already (it waits for the manager's review,
 * who is asked in Teams only), so the supplier owes one period, the month before, which is overdue:
 * one e-mail prompt, one dispatch.
 */
async function oneOwedPrompt(email: string): Promise<{ contractId: string; kpiId: string; owedPeriod: string }> {
  const supplierId = await addSupplier(service, people.admin);
  const startDate = monthStart(monthAfter(todayUk(), -2));
  const contract = await addContract(service, people.admin, { supplierId, startDate, endDate: `${Number(startDate.slice(0, 4)) + 2}-03-31`, title: "Street cleansing" });
  const kpi = await addKpi(service, people.admin, contract.id, { title: "Streets cleansed on time", target: 90, tolerance: 5 });
  await sendUpdate(service, await supplierContact(service, supplierId), contract.id, kpi.id, monthAfter(todayUk(), -1), 92);
  const contact = await service.call(`/api/suppliers/${supplierId}/contacts`, { method: "POST", token: people.admin, body: { name: "Ana Silva", email } });
  expect(contact.status).toBe(201);
  return { contractId: contract.id, kpiId: kpi.id, owedPeriod: monthAfter(todayUk(), -2) };
}

/** The stand-in's requests for one dispatch (its X-TOMs-Dispatch header is `<contractId>/<dispatchId>`). */
function requestsFor(contractId: string): GraphRequest[] {
  return standIn.requests.filter((r) => String(r.parsed?.headers.get("x-toms-dispatch") ?? "").startsWith(`${contractId}/`));
}

async function emailDispatches(contractId: string): Promise<DispatchRecord[]> {
  return (await service.storage.dispatches.ofContract(contractId)).filter((d) => d.channel === "email");
}

beforeAll(async () => {
  standIn = await startGraphStandIn();
  service = await startTestService(
    { TOMS_MAIL_GRAPH_MAILBOX: MAILBOX, TOMS_MAIL_GRAPH_TENANT_ID: crypto.randomUUID(), TOMS_GRAPH_URL: standIn.url, TOMS_MAIL_PER_MINUTE: "600", TOMS_BOT_PASS_MINUTES: "0" },
    undefined,
    { graphToken: async () => "test-token" },
  );
  people = await deliveryPeople(service);
});
afterAll(async () => {
  await service?.close();
  await standIn?.close();
});

describe("e-mail prompts through Microsoft Graph (a loopback stand-in)", () => {
  it("tries again after 429 and 503, honouring Retry-After, and records the one mail sent after 3 attempts", async () => {
    const address = `ana.${crypto.randomUUID().slice(0, 6)}@delta.example`;
    const { contractId, kpiId, owedPeriod } = await oneOwedPrompt(address);
    standIn.next([429, 503, 202]);
    const report = await pass();
    expect(report).toMatchObject({ claimed: 1, sent: 1, failed: 0 });

    const requests = requestsFor(contractId);
    expect(requests.map((r) => r.answered)).toEqual([429, 503, 202]);
    expect(standIn.requests).toHaveLength(3);
    const [dispatch, ...others] = await emailDispatches(contractId);
    expect(others).toEqual([]);
    if (!dispatch) throw new Error("expected one e-mail dispatch");
    expect(dispatch).toMatchObject({ state: "sent", attempts: 3, address, channel: "email" });
    expect(dispatch.prompt).toMatchObject({ kpiId, period: owedPeriod, recipient: { email: address } });

    for (const [index, request] of requests.entries()) {
      expect(request.method).toBe("POST");
      // The mailbox may be written as is or percent-encoded (%40): both name the same user to Graph.
      expect(decodeURIComponent(request.path)).toBe(SEND_MAIL);
      expect(request.authorization).toBe("Bearer test-token");
      expect(request.contentType).toMatch(/^text\/plain\b/);
      // Graph's MIME form: the body is the whole message in base64, nothing else.
      expect(request.body.trim()).toMatch(/^[A-Za-z0-9+/=\r\n]+$/);
      const mail = request.parsed;
      if (!mail) throw new Error("the stand-in could not read the MIME message");
      expect(mail.text).toContain("Coventry City Council");
      expect(typeof mail.html === "string" && mail.html.includes("Coventry City Council")).toBe(true);
      expect(mail.attachments).toEqual([]);
      const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((t) => t.value.map((v) => v.address));
      expect(to).toEqual([address]);
      expect(mail.from?.value.map((v) => v.address)).toEqual([MAILBOX]);
      expect(String(mail.headers.get("x-toms-dispatch"))).toBe(`${contractId}/${dispatch.id}`);
      // Each attempt has its own Message-ID, numbered by the attempt.
      expect(mail.messageId).toBe(`<${dispatch.id}.${index + 1}@coventry.gov.uk>`);
      const links = [...String(mail.html).matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => String(m[1]).replace(/&amp;/g, "&"));
      expect(links).toHaveLength(1);
      expect(links[0]).toMatch(new RegExp(`^${service.url.replace(/[.]/g, "\\.")}/update/[A-Za-z0-9_-]{43}$`));
      expect(mail.text).toContain(String(links[0]));
    }
    expect(dispatch.activityId).toBe(`<${dispatch.id}.3@coventry.gov.uk>`);

    // The link in the mail that went works.
    const sentLink = String(String(requests[2]?.parsed?.html).match(/<a [^>]*href="([^"]+)"/)?.[1]).replace(/&amp;/g, "&");
    const opened = await fetch(sentLink);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain("Streets cleansed on time");

    // The Overdue view: asked by e-mail, nothing failed.
    const item = (await overdueOf(service, people.manager, contractId)).find((i) => i.kpiId === kpiId && i.period === owedPeriod && i.owedBy === "supplier");
    expect(item?.prompted).toMatchObject({ state: "sent", channels: ["email"], failedAddresses: [] });

    // A second pass asks for nothing again.
    const again = await pass();
    expect(again).toMatchObject({ claimed: 0, sent: 0 });
    expect(standIn.requests).toHaveLength(3);
    expect(await emailDispatches(contractId)).toMatchObject([{ state: "sent", attempts: 3 }]);
  });

  it("fails the dispatch when Graph refuses (403), in words naming the address, shown in the Overdue view without blaming the address", async () => {
    const address = `rex.${crypto.randomUUID().slice(0, 6)}@delta.example`;
    const { contractId, kpiId, owedPeriod } = await oneOwedPrompt(address);
    const before = standIn.requests.length;
    standIn.next([403]);
    const report = await pass();
    expect(report).toMatchObject({ claimed: 1, sent: 0, failed: 1 });
    // Refused for good: not tried again.
    expect(standIn.requests.length - before).toBe(1);
    expect(requestsFor(contractId).map((r) => r.answered)).toEqual([403]);
    const [dispatch, ...others] = await emailDispatches(contractId);
    expect(others).toEqual([]);
    expect(dispatch).toMatchObject({ state: "failed", attempts: 1, address });
    expect(dispatch?.error).toContain(address);
    expect(dispatch?.error).toContain("403");

    const item = (await overdueOf(service, people.manager, contractId)).find((i) => i.kpiId === kpiId && i.period === owedPeriod && i.owedBy === "supplier");
    const prompted = item?.prompted as (NonNullable<typeof item>["prompted"] & { failedAddresses?: string[] }) | null | undefined;
    expect(prompted).toMatchObject({ state: "failed" });
    // The council's mailbox refused, not the contact's server: the address is not blamed, the words say what failed.
    expect(prompted?.failedAddresses).toEqual([]);
    expect(dispatch?.addressFailed).toBeUndefined();
    expect(prompted?.error).toContain(address);

    // A failed dispatch is not sent again by the next pass.
    const again = await pass();
    expect(again).toMatchObject({ claimed: 0, sent: 0 });
    expect(standIn.requests.length - before).toBe(1);
  });
});
