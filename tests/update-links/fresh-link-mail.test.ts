// "Send me a new link" over the running service with a real SMTP server (issue 13): the service is
// pointed (TOMS_SMTP_URL) at @toms/mail's development mailbox on 127.0.0.1. An expired link asked
// for a fresh one twice in turn, or twice at once, mails exactly one new link to the same address,
// and that link opens the form; a guessed token and a revoked link get the same answer and no mail;
// the old link keeps answering that it does not work. The fresh-link route answers before its work
// is done, so the test waits for the service's log line of each request's outcome before it
// counts the mail.
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppDeps, issueUpdateLink, type AppDeps, type IssuedUpdateLink } from "@toms/app";
import { createLogger } from "@toms/api";
import { addContract, addDays, addKpi, addSupplier, deliveryPeople, todayUk, type ContractMade, type People } from "../support/delivery-fixtures.js";
import { startDevMailbox, type CapturedMail, type DevMailbox } from "../support/mailbox.js";
import { startTestService, type TestService } from "../support/service.js";
import { expireLink } from "../support/update-links.js";

const GONE = "This link does not work any more";
const ON_ITS_WAY = "If this link was sent to you, a new one is on its way to the same address";
const OUTCOME = /"msg":"a new update link (was asked for|could not be sent)"/;

let mailbox: DevMailbox;
let service: TestService;
let people: People;
let deps: AppDeps;
let contract: ContractMade;
let contactId: string;
let address: string;
let logText = "";
const logStream = new PassThrough();
logStream.on("data", (chunk: Buffer) => (logText += chunk.toString()));
const outcomesLogged = () => logText.split("\n").filter((line) => OUTCOME.test(line)).length;
let freshRequests = 0;

/** Each request from its own client address (X-Forwarded-For, trusted from loopback), so the 5-an-hour limit never decides a test. */
let client = 0;
const from = () => ({ "x-forwarded-for": `10.77.${Math.floor(++client / 250)}.${client % 250}` });

async function issue(): Promise<IssuedUpdateLink> {
  const issued = await issueUpdateLink(deps, { contractId: contract.id, contactId });
  if (!issued.ok) throw new Error(issued.message);
  return issued.value;
}

/** Moves a stored link's expiry into the past, as time would. */
const expire = (issued: IssuedUpdateLink) => expireLink(service.storage, issued);

/** POST /update/{token}/fresh-link as the "Send me a new link" button does: its status and page. */
async function askForFreshLink(token: string): Promise<{ status: number; page: string }> {
  freshRequests++;
  const response = await fetch(`${service.url}/update/${token}/fresh-link`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...from() }, body: "" });
  return { status: response.status, page: await response.text() };
}

/** Waits until the service has logged the outcome of every fresh-link request made so far (it works after answering). */
async function freshLinkWorkDone(): Promise<void> {
  for (let i = 0; i < 200 && outcomesLogged() < freshRequests; i++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(outcomesLogged(), "every fresh-link request's outcome is logged").toBe(freshRequests);
}

/** The one link a mail carries, from its HTML part's button, which its text part writes out too. */
function linkOf(mail: CapturedMail): string {
  const links = [...mail.html.matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => String(m[1]).replace(/&amp;/g, "&"));
  expect(links).toHaveLength(1);
  const [link] = links;
  expect(mail.text).toContain(String(link));
  return String(link);
}

const mailsToContact = () => mailbox.messages().filter((m) => m.to.includes(address));
const tokenOf = (link: string) => link.slice(link.lastIndexOf("/") + 1);

beforeAll(async () => {
  mailbox = await startDevMailbox({ host: "127.0.0.1" });
  service = await startTestService({ TOMS_SMTP_URL: mailbox.url, TOMS_BOT_PASS_MINUTES: "0", TOMS_MAIL_PER_MINUTE: "600" }, createLogger("info", { destination: logStream }));
  people = await deliveryPeople(service);
  deps = createAppDeps(service.storage, { moneyLabel: "Coventry £", delivery: { dueDays: 14 }, updateLinks: { publicUrl: service.url, days: 30 } });
  const supplierId = await addSupplier(service, people.admin);
  address = `ana-${crypto.randomUUID().slice(0, 6)}@supplier.example`;
  const contact = await service.call(`/api/suppliers/${supplierId}/contacts`, { method: "POST", token: people.admin, body: { email: address, name: "Ana Byrne" } });
  expect(contact.status).toBe(201);
  contactId = ((await contact.json()) as { id: string }).id;
  // Started four months ago: the supplier owes at least two months, whatever today is.
  contract = await addContract(service, people.admin, { supplierId, startDate: `${addDays(todayUk(), -120).slice(0, 7)}-01`, endDate: addDays(todayUk(), 365) });
  await addKpi(service, people.manager, contract.id, { title: "Streets swept on schedule" });
}, 60_000);
afterAll(async () => {
  await service?.close();
  await mailbox?.close();
});

describe("a fresh link, mailed over SMTP", () => {
  it("mails one new working link to the same address when an expired link asks twice, and the old link stays dead", async () => {
    const old = await issue();
    await expire(old);
    mailbox.clear();
    // The second asks once the first's work is done: the link is marked renewed by then.
    const first = await askForFreshLink(old.token);
    await freshLinkWorkDone();
    expect(mailsToContact()).toHaveLength(1);
    const second = await askForFreshLink(old.token);
    await freshLinkWorkDone();
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.page).toContain(ON_ITS_WAY);
    expect(second.page).toBe(first.page);

    const mails = mailsToContact();
    expect(mails).toHaveLength(1);
    expect(mailbox.messages()).toHaveLength(1);
    const [mail] = mails;
    if (!mail) throw new Error("expected one mail");
    expect(mail.to).toEqual([address]);
    expect(mail.subject).toContain(contract.reference);
    expect(mail.text).toContain("Coventry City Council");
    expect(mail.text).toContain("We will never ask for a password");
    const link = linkOf(mail);
    expect(link).toMatch(new RegExp(`^${service.url.replace(/[.]/g, "\\.")}/update/[A-Za-z0-9_-]{43}$`));
    expect(tokenOf(link)).not.toBe(old.token);

    // The new link opens the form, for the same contact and address.
    const opened = await fetch(link, { headers: from() });
    expect(opened.status).toBe(200);
    const page = await opened.text();
    expect(page).toContain(`Updates for ${contract.reference}`);
    expect(page).toMatch(/<form method="post"/);
    expect(page).toMatch(/name="formKey" value="[^"]+"/);
    expect(page).toContain("Streets swept on schedule");
    const links = await service.storage.updateLinks.ofContract(contract.id);
    const fresh = links.filter((l) => l.id !== old.record.id && l.issuedAt >= old.record.issuedAt);
    expect(fresh.map((l) => ({ contactId: l.contactId, address: l.address }))).toEqual([{ contactId, address }]);

    // The old link still does not work.
    const again = await fetch(`${service.url}/update/${old.token}`, { headers: from() });
    expect(again.status).toBe(404);
    expect(await again.text()).toContain(GONE);
  });

  it("mails one new link when an expired link asks twice at once", async () => {
    const old = await issue();
    await expire(old);
    mailbox.clear();
    const answers = await Promise.all([askForFreshLink(old.token), askForFreshLink(old.token)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers[1]?.page).toBe(answers[0]?.page);
    expect(answers[0]?.page).toContain(ON_ITS_WAY);
    await freshLinkWorkDone();

    expect(mailbox.messages()).toHaveLength(1);
    const [mail] = mailsToContact();
    if (!mail) throw new Error("expected one mail to the contact");
    const link = linkOf(mail);
    expect(tokenOf(link)).not.toBe(old.token);
    const opened = await fetch(link, { headers: from() });
    expect(opened.status).toBe(200);
    expect(await opened.text()).toMatch(/name="formKey" value="[^"]+"/);
  });

  it("gives a guessed token and a revoked link's token the same answer, and mails nothing", async () => {
    const revoked = await issue();
    await expire(revoked);
    const revoke = await service.call(`/api/contracts/${contract.id}/update-links/${revoked.record.id}/revoke`, { method: "POST", token: people.manager });
    expect(revoke.status).toBe(200);
    const expired = await issue();
    await expire(expired);
    const linksBefore = (await service.storage.updateLinks.ofContract(contract.id)).length;
    mailbox.clear();

    const guessed = await askForFreshLink("A".repeat(43));
    const fromRevoked = await askForFreshLink(revoked.token);
    // A real expired link asked last: its mail shows the service had mail to send, and when.
    const real = await askForFreshLink(expired.token);
    expect([guessed.status, fromRevoked.status, real.status]).toEqual([200, 200, 200]);
    expect(guessed.page).toContain(ON_ITS_WAY);
    expect(fromRevoked.page).toBe(guessed.page);
    expect(real.page).toBe(guessed.page);
    await freshLinkWorkDone();

    const mails = mailbox.messages();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toEqual([address]);
    // The one new link is the expired link's: the revoked one was not renewed.
    expect((await service.storage.updateLinks.ofContract(contract.id)).length).toBe(linksBefore + 1);
    expect((await service.storage.updateLinks.get(contract.id, revoked.record.id))?.renewedAt).toBeUndefined();
    expect((await service.storage.updateLinks.get(contract.id, expired.record.id))?.renewedAt).toBeDefined();
    // The revoked link still reads as not working.
    const opened = await fetch(`${service.url}/update/${revoked.token}`, { headers: from() });
    expect(opened.status).toBe(404);
    expect(await opened.text()).toContain(GONE);
  });
});
