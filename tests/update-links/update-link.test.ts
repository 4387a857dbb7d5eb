// A supplier contact's signed update link (issue 13) against the real service: issued as the bot
// issues it, opened in Chromium on a phone (axe clean, no script, nothing fetched from elsewhere),
// answered once (a second press records nothing more), seen pending by the manager; and misuse:
// altered, unknown, expired, revoked, an item the link does not cover, reused once answered,
// wrong entries (none recorded), too many tries from one address, and a fresh link sent once for
// an expired link and never for a guessed one.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppDeps, FreshLinkOutcomeUnknown, issueUpdateLink, requestFreshLink, type AppDeps, type FreshLink, type IssuedUpdateLink } from "@toms/app";
import { freshLinkSender } from "@toms/bot";
import type { ContractPatch } from "@toms/domain";
import { MAIL_OUTCOME_UNKNOWN, MailFailure, type MailMessage, type MailTransport } from "@toms/mail";
import { launchTestBrowser } from "../support/browser.js";
import { addContract, addDays, addKpi, addSupplier, deliveryPeople, readUpdates, todayUk, type ContractMade, type KpiView, type People } from "../support/delivery-fixtures.js";
import { startTestService, type TestService } from "../support/service.js";
import { expireLink } from "../support/update-links.js";

const PHONE = { width: 360, height: 740 } as const;
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const AXE_SOURCE = readFileSync(createRequire(createRequire(import.meta.url).resolve("@axe-core/playwright")).resolve("axe-core/axe.min.js"), "utf8");
const GONE = "This link does not work any more";

let service: TestService;
let people: People;
let deps: AppDeps;
let contract: ContractMade;
let otherContract: ContractMade;
let kpi: KpiView;
let otherKpi: KpiView;
let contactId: string;
let secondContactId: string;
/** Each request from its own address (X-Forwarded-For, trusted from loopback), so one test's tries never count against another's. */
let address = 0;
const from = () => ({ "x-forwarded-for": `10.13.${Math.floor(++address / 250)}.${address % 250}` });

async function addContact(supplierId: string, email: string, name: string): Promise<string> {
  const response = await service.call(`/api/suppliers/${supplierId}/contacts`, { method: "POST", token: people.admin, body: { email, name } });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** A contract of its own with one monthly KPI the supplier reports, for a test that answers everything it owes. */
async function contractOfItsOwn(): Promise<{ contract: ContractMade; kpi: KpiView }> {
  const start = `${addDays(todayUk(), -120).slice(0, 7)}-01`;
  const made = await addContract(service, people.admin, { supplierId: contract.supplierId, title: "Litter picking", startDate: start, endDate: addDays(todayUk(), 365) });
  return { contract: made, kpi: await addKpi(service, people.manager, made.id, { title: "Litter bins emptied" }) };
}

async function issue(contactOf = contactId, on = contract): Promise<IssuedUpdateLink> {
  const issued = await issueUpdateLink(deps, { contractId: on.id, contactId: contactOf });
  if (!issued.ok) throw new Error(issued.message);
  return issued.value;
}

/** Moves a stored link's expiry into the past, as time would. */
const expire = (issued: IssuedUpdateLink) => expireLink(service.storage, issued);

const open = (token: string, headers: Record<string, string> = from()) => fetch(`${service.url}/update/${token}`, { headers });
function post(token: string, fields: Record<string, string>, headers: Record<string, string> = from(), suffix = ""): Promise<Response> {
  return fetch(`${service.url}/update/${token}${suffix}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(fields).toString() });
}

/** The hidden fields of the page's form, and the item each index stands for. */
function formOf(html: string): { formKey: string; items: { index: number; kpiId: string; period: string }[] } {
  const formKey = /name="formKey" value="([^"]+)"/.exec(html)?.[1] ?? "";
  const items = [...html.matchAll(/name="item-(\d+)-kpiId" value="([^"]+)">\s*<input type="hidden" name="item-\d+-period" value="([^"]+)"/g)].map((m) => ({ index: Number(m[1]), kpiId: m[2] as string, period: m[3] as string }));
  return { formKey, items };
}

beforeAll(async () => {
  service = await startTestService();
  people = await deliveryPeople(service);
  deps = createAppDeps(service.storage, { moneyLabel: "Coventry £", delivery: { dueDays: 14 }, updateLinks: { publicUrl: service.url, days: 30 } });
  const supplierId = await addSupplier(service, people.admin);
  contactId = await addContact(supplierId, `ana-${crypto.randomUUID().slice(0, 6)}@supplier.example`, "Ana Byrne");
  secondContactId = await addContact(supplierId, `ben-${crypto.randomUUID().slice(0, 6)}@supplier.example`, "Ben Okafor");
  // Started four months ago: at least the two months before last are late, whatever today is.
  const start = `${addDays(todayUk(), -120).slice(0, 7)}-01`;
  const term = { startDate: start, endDate: addDays(todayUk(), 365) };
  contract = await addContract(service, people.admin, { supplierId, ...term });
  otherContract = await addContract(service, people.admin, { supplierId, title: "Gully cleansing", ...term });
  kpi = await addKpi(service, people.manager, contract.id, { title: "Streets swept on schedule" });
  otherKpi = await addKpi(service, people.manager, otherContract.id, { title: "Gullies cleared" });
}, 60_000);
afterAll(() => service?.close());

describe("a signed update link", () => {
  it("covers what the supplier owes now, for one contact, and is stored by its hash only", async () => {
    const issued = await issue();
    expect(issued.link).toBe(`${service.url}/update/${issued.token}`);
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued.record.items.length).toBeGreaterThanOrEqual(2);
    expect(issued.record.items.every((i) => i.kpiId === kpi.id)).toBe(true);
    const rows = await service.storage.store.all("UpdateLinks");
    expect(JSON.stringify(rows)).not.toContain(issued.token);
    const listed = await service.call(`/api/contracts/${contract.id}/update-links`, { token: people.manager });
    expect(listed.status).toBe(200);
    const { items } = (await listed.json()) as { items: Record<string, unknown>[] };
    const mine = items.find((l) => l.id === issued.record.id);
    expect(mine).toMatchObject({ contactId, contactName: "Ana Byrne", state: "active" });
    expect(JSON.stringify(items)).not.toMatch(/tokenHash|[0-9a-f]{64}/);
  });

  it("opens on a phone in Chromium with no script, axe clean, nothing fetched from elsewhere; one send records one update the manager sees pending", async () => {
    const issued = await issue();
    const profile = mkdtempSync(join(tmpdir(), "toms-update-phone-"));
    const context = await launchTestBrowser(profile);
    const refused: string[] = [];
    const origin = new URL(service.url).origin;
    await context.route("**/*", async (route) => {
      if (new URL(route.request().url()).origin === origin) return route.continue();
      refused.push(route.request().url());
      await route.abort("blockedbyclient");
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setDeviceMetricsOverride", { width: PHONE.width, height: PHONE.height, deviceScaleFactor: 2, mobile: true });
      await cdp.send("Emulation.setTouchEmulationEnabled", { enabled: true, maxTouchPoints: 5 });
      const response = await page.goto(issued.link);
      expect(response?.status()).toBe(200);
      expect(response?.headers()["content-security-policy"]).toContain("default-src 'none'");
      expect(response?.headers()["cache-control"]).toBe("no-store");
      expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
      await checkPage(page, `Updates for ${contract.reference}`);
      await expect(page.getByText("Streets swept on schedule").first().isVisible()).resolves.toBe(true);
      await expect(page.getByText("90%").first().isVisible()).resolves.toBe(true);
      // A wrong value first: the summary names the field, the entry is kept, nothing is recorded.
      await page.getByLabel(/^Value for /).first().fill("ninety");
      await page.getByRole("button", { name: "Send the updates" }).click();
      await page.locator(".error-summary").waitFor();
      await checkPage(page, `Updates for ${contract.reference}`);
      expect(await page.getByLabel(/^Value for /).first().inputValue()).toBe("ninety");
      expect(await page.locator(".error-summary a").first().getAttribute("href")).toBe("#item-0-value");
      expect(await readUpdates(service, people.manager, contract.id, kpi.id)).toEqual([]);
      await page.getByLabel(/^Value for /).first().fill("93.5");
      await page.getByLabel("Note (optional)").first().fill("Two streets closed for works");
      await page.getByRole("button", { name: "Send the updates" }).click();
      await checkPage(page, "Your updates have been sent");
      await expect(page.getByText("It now waits for the contract manager's review.").isVisible()).resolves.toBe(true);
      expect(refused).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
    const updates = await readUpdates(service, people.manager, contract.id, kpi.id);
    expect(updates.map((u) => [u.period, u.value, u.status, u.submittedBy, u.note])).toEqual([[issued.record.items[0]?.period, 93.5, "pending", `contact:${contactId}`, "Two streets closed for works"]]);
  }, 60_000);

  it("records a form sent twice once, and refuses a new form for what is already sent", async () => {
    const issued = await issue(secondContactId);
    const html = await (await open(issued.token)).text();
    const form = formOf(html);
    const item = form.items.find((i) => !(kpi.id === i.kpiId && i.period === issued.record.items[0]?.period)) ?? form.items[0];
    if (!item) throw new Error("no item to answer");
    const fields = { formKey: form.formKey, [`item-${item.index}-kpiId`]: item.kpiId, [`item-${item.index}-period`]: item.period, [`item-${item.index}-value`]: "88" };
    const first = await post(issued.token, fields);
    const second = await post(issued.token, fields);
    expect([first.status, second.status]).toEqual([200, 200]);
    const sent = (await readUpdates(service, people.manager, contract.id, kpi.id)).filter((u) => u.period === item.period);
    expect(sent.map((u) => u.value)).toEqual([88]);
    // The same item from a page drawn afresh: it waits for review, so it is refused and nothing is recorded.
    const again = await post(issued.token, { ...fields, formKey: formOf(await (await open(issued.token)).text()).formKey || "fresh-form-key-1", [`item-${item.index}-value`]: "89" });
    expect(again.status).toBe(409);
    expect((await readUpdates(service, people.manager, contract.id, kpi.id)).filter((u) => u.period === item.period).map((u) => u.value)).toEqual([88]);
  });

  it("records none of the entries when one is wrong", async () => {
    const own = await contractOfItsOwn();
    const issued = await issue(contactId, own.contract);
    const form = formOf(await (await open(issued.token)).text());
    expect(form.items.length).toBeGreaterThanOrEqual(2);
    const fields: Record<string, string> = { formKey: form.formKey };
    for (const [n, item] of form.items.entries()) Object.assign(fields, { [`item-${item.index}-kpiId`]: item.kpiId, [`item-${item.index}-period`]: item.period, [`item-${item.index}-value`]: n === 0 ? "70" : "7O" });
    const refused = await post(issued.token, fields);
    expect(refused.status).toBe(422);
    const page = await refused.text();
    expect(page).toContain("There is a problem");
    expect(page).toContain('href="#item-1-value"');
    expect(page).toContain('value="7O"');
    expect(page).toContain('value="70"');
    expect(await readUpdates(service, people.manager, own.contract.id, own.kpi.id)).toEqual([]);
  });

  it("is not found for an item it does not cover: another contract's KPI, or a period it was not sent for", async () => {
    const issued = await issue();
    const { formKey } = formOf(await (await open(issued.token)).text());
    for (const [kpiId, period] of [[otherKpi.id, issued.record.items[0]?.period ?? ""], [kpi.id, todayUk().slice(0, 7)]] as const) {
      const response = await post(issued.token, { formKey, "item-0-kpiId": kpiId, "item-0-period": period, "item-0-value": "50" });
      expect(response.status).toBe(404);
      expect(await response.text()).toContain(GONE);
    }
    expect(await readUpdates(service, people.manager, otherContract.id, otherKpi.id)).toEqual([]);
  });

  it("reads the same for an altered, unknown, expired or revoked link, and reveals nothing", async () => {
    const altered = await issue();
    const last = altered.token.at(-1) === "A" ? "B" : "A";
    const expired = await issue();
    await expire(expired);
    const revoked = await issue();
    const revoke = await service.call(`/api/contracts/${contract.id}/update-links/${revoked.record.id}/revoke`, { method: "POST", token: people.manager });
    expect(revoke.status).toBe(200);
    expect(((await revoke.json()) as { state: string }).state).toBe("revoked");
    const bodies: string[] = [];
    for (const token of [`${altered.token.slice(0, -1)}${last}`, "A".repeat(43), "zz9q", expired.token, revoked.token]) {
      const response = await open(token);
      expect(response.status, token).toBe(404);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const text = await response.text();
      expect(text).toContain(GONE);
      expect(text).toContain("Send me a new link");
      expect(text).not.toContain(contract.reference);
      bodies.push(text.replaceAll(encodeURIComponent(token), "TOKEN"));
      expect((await post(token, { formKey: "abcdefghijk", "item-0-kpiId": kpi.id, "item-0-period": "2026-01", "item-0-value": "1" })).status).toBe(404);
    }
    expect(new Set(bodies).size, [...new Set(bodies)].join("\n=====\n")).toBe(1);
    const other = await fetch(`${service.url}/update/${altered.token}/nothing-here`, { headers: from() });
    expect(other.status).toBe(404);
    expect(await other.text()).toContain(GONE);
  });

  it("says nothing more is owed once every item is sent, and takes no more", async () => {
    const own = await contractOfItsOwn();
    const issued = await issue(contactId, own.contract);
    const form = formOf(await (await open(issued.token)).text());
    const fields: Record<string, string> = { formKey: form.formKey };
    for (const item of form.items) Object.assign(fields, { [`item-${item.index}-kpiId`]: item.kpiId, [`item-${item.index}-period`]: item.period, [`item-${item.index}-value`]: "91" });
    expect((await post(issued.token, fields)).status).toBe(200);
    const after = await (await open(issued.token)).text();
    expect(after).toContain("Nothing more is owed through this link.");
    expect(after).not.toContain("<input");
    const { items } = (await (await service.call(`/api/contracts/${own.contract.id}/update-links`, { token: people.admin })).json()) as { items: { id: string; state: string }[] };
    expect(items.find((l) => l.id === issued.record.id)?.state).toBe("answered");
    const reused = await post(issued.token, { ...fields, formKey: "another-form-key" });
    expect(reused.status).toBe(409);
  });

  it("slows down an address that tries many links that do not work, and not one that uses its own", async () => {
    const headers = { "x-forwarded-for": "10.99.0.1" };
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await open(crypto.randomUUID().replace(/-/g, "").padEnd(43, "x"), headers)).status);
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses[20]).toBe(429);
    const issued = await issue();
    const mine = { "x-forwarded-for": "10.99.0.2" };
    for (let i = 0; i < 25; i++) expect((await open(issued.token, mine)).status).toBe(200);
  });

  it("answers a request for a fresh link the same whatever the link, and limits them per address", async () => {
    const expired = await issue();
    await expire(expired);
    const headers = { "x-forwarded-for": "10.98.0.1" };
    const answers = await Promise.all([post(expired.token, {}, headers, "/fresh-link"), post("A".repeat(43), {}, headers, "/fresh-link")]);
    const texts = await Promise.all(answers.map((a) => a.text()));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(texts[0]).toContain("If this link was sent to you, a new one is on its way to the same address");
    expect(texts[0]).toBe(texts[1]);
    // The expired link is marked renewed (once), and its new link mailed to the development mailbox.
    let renewed: string | undefined;
    for (let i = 0; i < 100 && !renewed; i++) {
      renewed = (await service.storage.updateLinks.get(contract.id, expired.record.id))?.renewedAt;
      if (!renewed) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(renewed).toBeDefined();
    let mailed = 0;
    for (let i = 0; i < 100 && mailed === 0; i++) {
      mailed = (service.mailbox?.messages() ?? []).filter((m) => m.to.some((t) => t.toLowerCase() === expired.record.address.toLowerCase()) && /new update link/i.test(m.subject)).length;
      if (mailed === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(mailed).toBe(1);
    const more = [];
    for (let i = 0; i < 4; i++) more.push((await post("B".repeat(43), {}, headers, "/fresh-link")).status);
    expect(more).toEqual([200, 200, 200, 429]);
  });
});

describe("requestFreshLink", () => {
  it("sends one fresh link for an expired link, to the same contact, and none for a guessed, live or revoked one", async () => {
    const sent: FreshLink[] = [];
    const send = async (fresh: FreshLink) => void sent.push(fresh);
    const expired = await issue();
    await expire(expired);
    const [first, second] = [await requestFreshLink(deps, expired.token, send), await requestFreshLink(deps, expired.token, send)];
    expect(first.sent).toBe(true);
    expect(second).toEqual({ sent: false, reason: "renewed-already" });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.contact.id).toBe(contactId);
    expect(sent[0]?.record.address).toBe(expired.record.address);
    expect((await open(sent[0]?.token ?? "")).status).toBe(200);
    expect(await requestFreshLink(deps, "A".repeat(43), send)).toEqual({ sent: false, reason: "not-a-link" });
    const live = await issue();
    expect(await requestFreshLink(deps, live.token, send)).toEqual({ sent: false, reason: "not-expired" });
    const revoked = await issue();
    await expire(revoked);
    expect((await service.call(`/api/contracts/${contract.id}/update-links/${revoked.record.id}/revoke`, { method: "POST", token: people.admin })).status).toBe(200);
    expect(await requestFreshLink(deps, revoked.token, send)).toEqual({ sent: false, reason: "revoked" });
    expect(sent).toHaveLength(1);
  });
});

/** A mail transport that answers each send from `answers` in turn (an error is thrown), then takes every mail; what it took is kept. */
function scriptedTransport(answers: (MailFailure | "ok")[]): MailTransport & { sent: MailMessage[]; tries: number } {
  const transport = {
    kind: "smtp" as const,
    sent: [] as MailMessage[],
    tries: 0,
    async send(message: MailMessage) {
      const answer = answers[transport.tries++] ?? "ok";
      if (answer !== "ok") throw answer;
      transport.sent.push(message);
      return { messageId: message.messageId ?? "<m@test>" };
    },
    async close() {},
  };
  return transport;
}

const FROM = { address: "procurement@coventry.gov.uk", name: "Coventry City Council" };
const COUNCIL = { name: "Coventry City Council", email: "procurement@coventry.gov.uk" };

describe("a fresh link whose mail fails", () => {
  /** The fresh-link sender over `transport`, its waits recorded and not waited. */
  function sender(transport: MailTransport, waits: number[] = []) {
    return freshLinkSender({ transport, from: FROM }, COUNCIL, { sleep: async (ms) => void waits.push(ms), random: () => 0.5 });
  }
  const renewedAtOf = async (issued: IssuedUpdateLink) => (await service.storage.updateLinks.get(issued.record.contractId, issued.record.id))?.renewedAt;

  it("tries a busy server again after its Retry-After, and sends one mail", async () => {
    const expired = await issue();
    await expire(expired);
    const transport = scriptedTransport([new MailFailure("452 4.3.1 Insufficient system resources", 429, false, 2)]);
    const waits: number[] = [];
    expect(await requestFreshLink(deps, expired.token, sender(transport, waits))).toMatchObject({ sent: true });
    expect(transport.tries).toBe(2);
    expect(transport.sent).toHaveLength(1);
    expect(transport.sent[0]?.to).toMatchObject({ address: expired.record.address });
    expect(waits).toEqual([2_000]);
    expect(await renewedAtOf(expired)).toBeDefined();
  });

  it("takes the renewal back when the mail is not sent, so the holder can ask again and gets exactly one mail", async () => {
    const expired = await issue();
    await expire(expired);
    // Busy three times over: the first try and two more, then given up.
    const busy = () => new MailFailure("421 4.7.0 Try again later", 503, false);
    const down = scriptedTransport([busy(), busy(), busy()]);
    const waits: number[] = [];
    const first = await requestFreshLink(deps, expired.token, sender(down, waits));
    expect(first).toMatchObject({ sent: false, reason: "not-sent", askAgain: true });
    expect(first.sent === false && "why" in first ? first.why : "").toMatch(/could not take the e-mail to the contact just now \(it answered 503\).*tried 3 times/);
    expect(JSON.stringify(first)).not.toContain(expired.token);
    expect(down.tries).toBe(3);
    expect(waits).toHaveLength(2);
    expect(await renewedAtOf(expired)).toBeUndefined();
    // Asked again, with the server back: one mail, and the link renewed for good.
    const up = scriptedTransport([]);
    expect(await requestFreshLink(deps, expired.token, sender(up))).toMatchObject({ sent: true });
    expect(await requestFreshLink(deps, expired.token, sender(up))).toEqual({ sent: false, reason: "renewed-already" });
    expect(down.sent.length + up.sent.length).toBe(1);
    expect(await renewedAtOf(expired)).toBeDefined();
  });

  it("does not wait longer than 30 seconds, nor try a refusal again", async () => {
    const expired = await issue();
    await expire(expired);
    const slow = scriptedTransport([new MailFailure("Throttled", 429, false, 120)]);
    const waits: number[] = [];
    expect(await requestFreshLink(deps, expired.token, sender(slow, waits))).toMatchObject({ sent: false, reason: "not-sent", askAgain: true, why: expect.stringContaining("a wait of 120 s") });
    expect([slow.tries, waits.length]).toEqual([1, 0]);
    const refused = scriptedTransport([new MailFailure("550 5.7.1 Relaying denied", 550, true)]);
    expect(await requestFreshLink(deps, expired.token, sender(refused, waits))).toMatchObject({ sent: false, reason: "not-sent", askAgain: true, why: expect.stringContaining("was refused: 550 5.7.1 Relaying denied") });
    expect([refused.tries, waits.length]).toEqual([1, 0]);
    expect(await renewedAtOf(expired)).toBeUndefined();
  });

  it("never sends again when the server stopped answering once the mail may have left, and keeps the renewal", async () => {
    const expired = await issue();
    await expire(expired);
    const unsure = scriptedTransport([new MailFailure("the connection closed after the message was sent", MAIL_OUTCOME_UNKNOWN, false)]);
    const first = await requestFreshLink(deps, expired.token, sender(unsure));
    expect(first).toMatchObject({ sent: false, reason: "outcome-unknown", why: expect.stringContaining("not known whether the e-mail to the contact arrived") });
    expect(unsure.tries).toBe(1);
    expect(await renewedAtOf(expired)).toBeDefined();
    expect(await requestFreshLink(deps, expired.token, sender(unsure))).toEqual({ sent: false, reason: "renewed-already" });
    expect(unsure.tries).toBe(1);
    // A send of its own that throws FreshLinkOutcomeUnknown is taken the same way.
    const other = await issue();
    await expire(other);
    expect(await requestFreshLink(deps, other.token, async () => Promise.reject(new FreshLinkOutcomeUnknown("not known")))).toMatchObject({ reason: "outcome-unknown" });
    expect(await renewedAtOf(other)).toBeDefined();
  });

  it("takes the renewal back when the new link cannot be issued", async () => {
    const expired = await issue();
    await expire(expired);
    const sent: FreshLink[] = [];
    const broken: AppDeps = { ...deps, updateLinks: { publicUrl: service.url, days: 0 } };
    expect(await requestFreshLink(broken, expired.token, async (fresh) => void sent.push(fresh))).toMatchObject({ sent: false, reason: "not-issued", askAgain: true });
    expect(await renewedAtOf(expired)).toBeUndefined();
    expect(await requestFreshLink(deps, expired.token, async (fresh) => void sent.push(fresh))).toMatchObject({ sent: true });
    expect(sent).toHaveLength(1);
  });

  it("refuses an expired link whose contract moved to another supplier before renewing it", async () => {
    const own = await contractOfItsOwn();
    const expired = await issue(contactId, own.contract);
    await expire(expired);
    const stored = await service.storage.contracts.get(own.contract.id);
    if (!stored) throw new Error("the contract is not stored");
    const otherSupplier = await addSupplier(service, people.admin);
    await service.storage.contracts.update(stored, { supplierId: otherSupplier } as ContractPatch, stored.etag);
    const refused: string[] = [];
    const watched: AppDeps = { ...deps, updateLinks: { publicUrl: service.url, days: 30, refused: (reason) => void refused.push(reason) } };
    const sent: FreshLink[] = [];
    expect(await requestFreshLink(watched, expired.token, async (fresh) => void sent.push(fresh))).toEqual({ sent: false, reason: "contact-changed" });
    expect(await renewedAtOf(expired)).toBeUndefined();
    expect(sent).toHaveLength(0);
    // Opening it is refused for the same reason, not as expired.
    expect((await open(expired.token)).status).toBe(404);
    const { openUpdateLink } = await import("@toms/app");
    expect((await openUpdateLink(watched, expired.token)).ok).toBe(false);
    expect(refused).toEqual(["contact-removed"]);
  });
});

describe("a fresh link with mail off", () => {
  let quiet: TestService;
  let quietDeps: AppDeps;
  beforeAll(async () => {
    quiet = await startTestService({ TOMS_MAIL: "off" });
    quietDeps = createAppDeps(quiet.storage, { moneyLabel: "Coventry £", delivery: { dueDays: 14 }, updateLinks: { publicUrl: quiet.url, days: 30 } });
  }, 60_000);
  afterAll(() => quiet?.close());

  it("marks nothing, offers no new link, and says to write to the council, for every token alike", async () => {
    const quietPeople = await deliveryPeople(quiet);
    const supplierId = await addSupplier(quiet, quietPeople.admin);
    const made = await quiet.call(`/api/suppliers/${supplierId}/contacts`, { method: "POST", token: quietPeople.admin, body: { email: "cat@supplier.example", name: "Cat Ames" } });
    const contact = ((await made.json()) as { id: string }).id;
    const term = { startDate: `${addDays(todayUk(), -120).slice(0, 7)}-01`, endDate: addDays(todayUk(), 365) };
    const quietContract = await addContract(quiet, quietPeople.admin, { supplierId, ...term });
    await addKpi(quiet, quietPeople.manager, quietContract.id);
    const issued = await issueUpdateLink(quietDeps, { contractId: quietContract.id, contactId: contact });
    if (!issued.ok) throw new Error(issued.message);
    const stored = await quiet.storage.updateLinks.get(quietContract.id, issued.value.record.id);
    if (!stored) throw new Error("the link is not stored");
    const { etag, ...record } = stored;
    await quiet.storage.updateLinks.replace({ ...record, expiresAt: new Date(Date.now() - 60_000).toISOString() }, etag);
    const gone = await (await fetch(`${quiet.url}/update/${issued.value.token}`, { headers: from() })).text();
    expect(gone).toContain(GONE);
    expect(gone).not.toContain("Send me a new link");
    const answers = await Promise.all([issued.value.token, "A".repeat(43)].map((t) => fetch(`${quiet.url}/update/${t}/fresh-link`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...from() }, body: "" })));
    const texts = await Promise.all(answers.map((a) => a.text()));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(texts[0]).toBe(texts[1]);
    expect(texts[0]).toContain("Ask the council for a new link");
    expect(texts[0]).toContain("procurement@coventry.gov.uk");
    expect(texts[0]).not.toContain("on its way");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await quiet.storage.updateLinks.get(quietContract.id, issued.value.record.id))?.renewedAt).toBeUndefined();
  });
});

async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })).violations;
  }, AXE_TAGS)) as { id: string; impact?: string | null; help: string; nodes: { target: unknown; html: string }[] }[];
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help}, at ${JSON.stringify(n.target)}`));
}

async function checkPage(page: Page, heading: string): Promise<void> {
  await page.locator("h1", { hasText: heading }).waitFor({ timeout: 10_000 });
  const shape = await page.evaluate(() => ({ width: innerWidth, scrollWidth: document.scrollingElement?.scrollWidth ?? Infinity, scripts: document.querySelectorAll("script").length }));
  expect(shape.width).toBe(PHONE.width);
  expect(shape.scrollWidth, `${heading}: scrolls sideways`).toBeLessThanOrEqual(PHONE.width);
  expect(shape.scripts).toBe(0);
  expect(await seriousViolations(page), `${heading}: axe`).toEqual([]);
}
