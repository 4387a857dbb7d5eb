// E-mail prompts over the running service (issue 13): a real SMTP server (smtp-server) receives
// the mails, mailparser reads them, Chromium follows the link and submits, and the update is stored
// once. Needs A's TOMS_SMTP_URL transport and B's update links wired into the service (see
// /work/wt/notes/c.md, "After the merge"): before that the service sends no mail and these fail.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { issueDevelopmentToken } from "@toms/api";
import type { PassReport } from "@toms/bot";
import { freePort } from "@toms/storage";
import { startServiceProcess, type ServiceProcess } from "../support/service-process.js";
import { launchTestBrowser } from "../support/browser.js";
import { addContract, addKpi, addSupplier, deliveryPeople, monthAfter, monthStart, readUpdates, todayUk, type People } from "../support/delivery-fixtures.js";
import { overdueOf } from "../support/bot-portfolio.js";
import { startTestService, type TestService } from "../support/service.js";

/** An SMTP server on 127.0.0.1 that keeps every message, and refuses (550) any recipient at refused.example. */
class TestSmtp {
  readonly mails: ParsedMail[] = [];
  private server!: SMTPServer;
  port = 0;
  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onRcptTo: (address, _session, callback) => (address.address.endsWith("@refused.example") ? callback(Object.assign(new Error("5.1.1 No such mailbox here"), { responseCode: 550 })) : callback()),
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.mails.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.server.address() as { port: number }).port;
  }
  to(address: string): ParsedMail[] {
    return this.mails.filter((m) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).some((t) => t.value.some((v) => v.address === address)));
  }
  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const header = (mail: ParsedMail, name: string) => String(mail.headers.get(name.toLowerCase()) ?? "");

async function pass(service: TestService, token: string): Promise<PassReport> {
  const response = await service.call("/api/admin/prompts/run", { method: "POST", token });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as PassReport;
}

/** A bounce as Postfix writes one (RFC 3464), returning the original's headers. */
function postfixBounce(original: ParsedMail, address: string): string {
  return [
    "From: MAILER-DAEMON@mx.delta.example (Mail Delivery System)",
    "To: contracts@coventry.gov.uk",
    "Subject: Undelivered Mail Returned to Sender",
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"',
    "",
    "--BOUNDARY",
    "Content-Type: text/plain; charset=us-ascii",
    "",
    "I'm sorry to have to inform you that your message could not be delivered.",
    "",
    "--BOUNDARY",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.delta.example",
    "",
    `Final-Recipient: rfc822; ${address}`,
    "Action: failed",
    "Status: 5.1.1",
    "Diagnostic-Code: smtp; 550 5.1.1 User unknown",
    "",
    "--BOUNDARY",
    "Content-Type: text/rfc822-headers",
    "",
    `Message-ID: ${original.messageId}`,
    `X-TOMs-Dispatch: ${header(original, "x-toms-dispatch")}`,
    `Subject: ${original.subject}`,
    "",
    "--BOUNDARY--",
    "",
  ].join("\r\n");
}

describe("prompts by e-mail, over the running service", () => {
  const smtp = new TestSmtp();
  let service: TestService;
  let people: People;
  let contractId: string;
  let kpiId: string;
  let supplierId: string;
  const profile = mkdtempSync(join(tmpdir(), "toms-mail-browser-"));

  beforeAll(async () => {
    await smtp.start();
    service = await startTestService({ TOMS_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, TOMS_MAIL_PER_MINUTE: "600", TOMS_BOT_PASS_MINUTES: "0" });
    people = await deliveryPeople(service);
    supplierId = await addSupplier(service, people.admin);
    const startDate = monthStart(monthAfter(todayUk(), -2));
    const contract = await addContract(service, people.admin, { supplierId, startDate, endDate: `${Number(startDate.slice(0, 4)) + 2}-03-31`, title: "Street cleansing" });
    contractId = contract.id;
    kpiId = (await addKpi(service, people.admin, contractId, { title: "Streets cleansed on time", target: 90, tolerance: 5 })).id;
    // Neither is in the council's Teams; one address is refused by the server.
    for (const [name, email] of [["Ana Silva", "ana@delta.example"], ["Rex Refused", "rex@refused.example"]] as const) {
      const response = await service.call(`/api/suppliers/${supplierId}/contacts`, { method: "POST", token: people.admin, body: { name, email } });
      expect(response.status).toBe(201);
    }
  });
  afterAll(async () => {
    await service?.close();
    await smtp.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it("mails each contact without a Teams chat once per key: text and HTML, the council, the due date, one link, no attachment", async () => {
    const report = await pass(service, people.admin);
    const toAna = smtp.to("ana@delta.example");
    expect(toAna.length).toBeGreaterThan(0);
    expect(new Set(toAna.map((m) => header(m, "x-toms-dispatch"))).size).toBe(toAna.length);
    for (const mail of toAna) {
      expect(mail.attachments).toEqual([]);
      expect(mail.text).toContain("Coventry City Council");
      expect(mail.html || "").toContain("Coventry City Council");
      expect(mail.text).toMatch(/Due: \d{1,2} \w+ \d{4}/);
      expect(mail.text).toContain("We will never ask for a password");
      const links = [...String(mail.html).matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1]);
      expect(links).toHaveLength(1);
      expect(links[0]).toMatch(/\/update\/[^/]+$/);
      expect(mail.text).toContain(String(links[0]).replace(/&amp;/g, "&"));
      expect(mail.messageId).toMatch(/^<[0-9a-f-]+\.1@/);
    }
    expect(report.sent).toBeGreaterThanOrEqual(toAna.length);
    // The next pass sends nothing again.
    const again = await pass(service, people.admin);
    expect(again.claimed).toBe(0);
    expect(smtp.to("ana@delta.example")).toHaveLength(toAna.length);
  });

  it("records a refused address as failed, naming it, in the Overdue view", async () => {
    expect(smtp.to("rex@refused.example")).toEqual([]);
    const items = await overdueOf(service, people.admin, contractId);
    const prompted = items.flatMap((i) => (i.prompted ? [i.prompted as typeof i.prompted & { failedAddresses: string[]; channels: string[] }] : []));
    expect(prompted.some((p) => p.failedAddresses.includes("rex@refused.example"))).toBe(true);
    expect(prompted.every((p) => p.channels.includes("email"))).toBe(true);
  });

  it("records a bounce posted by an admin on the dispatch, and refuses what is not a bounce", async () => {
    // Every mail to Ana comes back, so the overdue period's shows it whichever period each asked for.
    const mails = smtp.to("ana@delta.example");
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      const posted = await service.call("/api/admin/mail/bounces", { method: "POST", token: people.admin, body: postfixBounce(mail, "ana@delta.example"), headers: { "content-type": "message/rfc822" } });
      expect(posted.status, await posted.clone().text()).toBe(200);
      expect(await posted.json()).toEqual({ recorded: 1 });
    }
    const items = await overdueOf(service, people.admin, contractId);
    const prompted = items.flatMap((i) => (i.prompted ? [i.prompted as typeof i.prompted & { failedAddresses: string[] }] : []));
    expect(prompted.some((p) => p.failedAddresses.includes("ana@delta.example"))).toBe(true);
    const [mail] = mails;
    if (!mail) throw new Error("expected a mail to Ana");
    const notOne = await service.call("/api/admin/mail/bounces", { method: "POST", token: people.admin, body: "Hello, this is not a delivery report.", headers: { "content-type": "text/plain" } });
    expect(notOne.status).toBe(422);
    const asManager = await service.call("/api/admin/mail/bounces", { method: "POST", token: people.manager, body: postfixBounce(mail, "ana@delta.example"), headers: { "content-type": "message/rfc822" } });
    expect(asManager.status).toBe(403);
  });

  it("opens the link on a phone in Chromium, loads nothing from elsewhere, and the update is stored once", async () => {
    const [mail] = smtp.to("ana@delta.example");
    const link = String(String(mail?.html).match(/<a [^>]*href="([^"]+)"/)?.[1]).replace(/&amp;/g, "&");
    const context = await launchTestBrowser(profile);
    const elsewhere: string[] = [];
    await context.route("**/*", async (route) => {
      if (route.request().url().startsWith(service.url)) return route.continue();
      elsewhere.push(route.request().url());
      return route.abort();
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(link);
      await page.locator("#item-0-value").fill("93.5");
      await page.getByRole("button", { name: "Send the updates" }).click();
      await page.getByText("waits for the contract manager's review").first().waitFor();
    } finally {
      await context.close();
    }
    expect(elsewhere).toEqual([]);
    const updates = await readUpdates(service, people.admin, contractId, kpiId);
    expect(updates.filter((u) => u.value === 93.5)).toHaveLength(1);
  });

  it("does not ask again in Teams or by mail when the contact's channel changes after a mail", async () => {
    const { items } = (await (await service.call(`/api/suppliers/${supplierId}/contacts`, { token: people.admin })).json()) as { items: { id: string; email: string; teamsChat: boolean; channel?: string }[] };
    const ana = items.find((c) => c.email === "ana@delta.example");
    expect(ana).toMatchObject({ teamsChat: false });
    const before = smtp.mails.length;
    const changed = await service.call(`/api/suppliers/${supplierId}/contacts/${ana?.id}/channel`, { method: "PUT", token: people.admin, body: { channel: "teams" } });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ id: ana?.id, channel: "teams", teamsChat: false });
    const report = await pass(service, people.admin);
    expect(report.claimed).toBe(0);
    expect(smtp.mails.length).toBe(before);
    const back = await service.call(`/api/suppliers/${supplierId}/contacts/${ana?.id}/channel`, { method: "PUT", token: people.admin, body: { channel: "automatic" } });
    expect(await back.json()).not.toHaveProperty("channel");
  });
});

/** An SMTP server that, while held, takes each message's data and does not answer it: the sender cannot know whether it arrived. */
class HoldingSmtp {
  /** The X-TOMs-Dispatch of each message whose data reached the server, in order. */
  readonly received: string[] = [];
  private server!: SMTPServer;
  private waiting: Array<() => void> = [];
  held = false;
  port = 0;
  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          // A long header is folded onto the next line (RFC 5322): unfold it before reading.
          const headers = Buffer.concat(chunks).toString("utf8").replace(/\r?\n[ \t]+/g, " ");
          this.received.push(/^X-TOMs-Dispatch: *(.+)$/im.exec(headers)?.[1]?.trim() ?? "");
          if (this.held) this.waiting.push(() => callback());
          else callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.server.address() as { port: number }).port;
  }
  release(): void {
    this.held = false;
    for (const answer of this.waiting.splice(0)) answer();
  }
  close(): Promise<void> {
    this.release();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe("e-mail prompts when the service is killed in the middle of a pass", () => {
  const smtp = new HoldingSmtp();
  const prefix = `t${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const dataDir = mkdtempSync(join(tmpdir(), "toms-mail-restart-"));
  const processes: ServiceProcess[] = [];
  let setup: TestService;
  let env: Record<string, string>;

  beforeAll(async () => {
    await smtp.start();
    // A short lease, so that the next start may take over; a slow pace, so that most mails wait as claimed when the service dies.
    env = { TOMS_STORAGE_CONNECTION_STRING: inject("azuriteConnectionString"), TOMS_TABLE_PREFIX: prefix, TOMS_BOT_PASS_MINUTES: "0", TOMS_BOT_LEASE_SECONDS: "2", TOMS_LOG_LEVEL: "error", TOMS_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, TOMS_MAIL_PER_MINUTE: "120" };
    setup = await startTestService({ TOMS_TABLE_PREFIX: prefix, TOMS_BOT_PASS_MINUTES: "0" });
  });
  afterAll(async () => {
    for (const service of processes) if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill("SIGKILL");
    await setup?.close();
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("sends after the restart what was claimed and not sent, and never mails again what may have arrived", async () => {
    const people = await deliveryPeople(setup);
    const supplierId = await addSupplier(setup, people.admin);
    const startDate = monthStart(monthAfter(todayUk(), -3));
    const contract = await addContract(setup, people.admin, { supplierId, startDate, endDate: `${Number(startDate.slice(0, 4)) + 2}-03-31`, title: "Street cleansing" });
    for (let i = 0; i < 2; i++) await addKpi(setup, people.admin, contract.id, { title: `Streets cleansed on time ${i + 1}`, target: 90, tolerance: 5 });
    for (let i = 0; i < 3; i++) expect((await setup.call(`/api/suppliers/${supplierId}/contacts`, { method: "POST", token: people.admin, body: { name: `Contact ${i + 1}`, email: `contact${i + 1}.${crypto.randomUUID().slice(0, 6)}@delta.example` } })).status).toBe(201);

    const first = startServiceProcess({ port: await freePort(), dataDir, env });
    processes.push(first);
    await first.healthy();
    const token = await issueDevelopmentToken(dataDir, { userId: "rob.amor", roles: ["admin"] });
    smtp.held = true;
    const running = fetch(`http://127.0.0.1:${first.port}/api/admin/prompts/run`, { method: "POST", headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
    const deadline = Date.now() + 20_000;
    while (smtp.received.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    first.child.kill("SIGKILL");
    await first.exited();
    await running;
    smtp.release();
    const held = [...smtp.received];
    expect(held.length).toBeGreaterThanOrEqual(2);

    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const second = startServiceProcess({ port: await freePort(), dataDir, env });
    processes.push(second);
    await second.healthy();
    const answer = await fetch(`http://127.0.0.1:${second.port}/api/admin/prompts/run`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    const report = (await answer.json()) as PassReport;

    const after = smtp.received.slice(held.length);
    // What reached the server before the kill is never mailed again: it is interrupted, with the
    // few recorded as sending ahead of their slot.
    expect(after.filter((id) => held.includes(id))).toEqual([]);
    expect(report.interrupted).toBeGreaterThanOrEqual(held.length);
    expect(report.recovered).toBeGreaterThan(0);
    expect(new Set(smtp.received).size).toBe(smtp.received.length);
    expect(report.recovered + report.claimed).toBe(after.length);
    second.child.kill("SIGINT");
    expect(await second.exited()).toBe(0);
  }, 120_000);
});
