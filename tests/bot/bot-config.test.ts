// The bot's settings: read from the environment, each bad one named; who may post to /api/messages;
// and e-mail prompts from a service with no Teams bot (Entra sign-in, no MicrosoftAppId, SMTP set).
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { loadConfig } from "@toms/api";
import type { PassReport } from "@toms/bot";
import { startTestService } from "../support/service.js";
import { ENTRA_CLIENT, ENTRA_TENANT, startEntraStandIn } from "../support/entra-stand-in.js";
import { startDevMailbox } from "../support/mailbox.js";
import { addContract, addKpi, addSupplier, monthAfter, monthStart, todayUk } from "../support/delivery-fixtures.js";
import { ensureServiceArea } from "../support/service-areas.js";

const ENTRA = { HOST: "0.0.0.0", TOMS_ENTRA_TENANT_ID: "6d1f2b8e-0000-4000-8000-00000000c0c0", TOMS_ENTRA_CLIENT_ID: "9a7c3e21-1111-4111-8111-111111111111" };
const APP = { MicrosoftAppId: "0b5c7a1e-2222-4222-8222-222222222222", MicrosoftAppPassword: "from-the-environment" };

describe("the bot's settings", () => {
  it("runs anonymously only with development sign-in, registered with an app id, and off under Entra without one", () => {
    const development = loadConfig({}).bot;
    expect(development).toEqual({ mode: "anonymous", tenants: [], passMinutes: 5, leaseSeconds: 120, settings: { reminderAfterDays: 3, escalateAfterDays: 10, quietHours: { start: "18:00", end: "08:00" }, sendAtWeekends: false } });
    expect(loadConfig(ENTRA).bot).toMatchObject({ mode: "off", tenants: [ENTRA.TOMS_ENTRA_TENANT_ID] });
    // A registration with a tenant is single-tenant unless told otherwise, and serves that tenant.
    expect(loadConfig({ ...APP, MicrosoftAppTenantId: "7e2f3c9a-0000-4000-8000-00000000d0d0" }).bot).toMatchObject({ appType: "SingleTenant", tenants: ["7e2f3c9a-0000-4000-8000-00000000d0d0"] });
    expect(loadConfig({ TOMS_BOT_TENANTS: " a-tenant , another " }).bot.tenants).toEqual(["a-tenant", "another"]);
    expect(loadConfig({ ...ENTRA, ...APP, MicrosoftAppType: "SingleTenant", MicrosoftAppTenantId: ENTRA.TOMS_ENTRA_TENANT_ID }).bot).toMatchObject({ mode: "registered", appId: APP.MicrosoftAppId, appType: "SingleTenant", appTenantId: ENTRA.TOMS_ENTRA_TENANT_ID });
    expect(loadConfig({ TOMS_BOT_QUIET_HOURS: "none", TOMS_BOT_WEEKENDS: "send", TOMS_BOT_REMIND_AFTER_DAYS: "5", TOMS_BOT_ESCALATE_AFTER_DAYS: "5", TOMS_BOT_PASS_MINUTES: "0" }).bot).toMatchObject({
      passMinutes: 0,
      settings: { reminderAfterDays: 5, escalateAfterDays: 5, quietHours: { start: "00:00", end: "00:00" }, sendAtWeekends: true },
    });
  });

  it("names the setting at fault", () => {
    expect(() => loadConfig({ TOMS_BOT_QUIET_HOURS: "6pm-8am" })).toThrow(/TOMS_BOT_QUIET_HOURS.*18:00-08:00/);
    expect(() => loadConfig({ TOMS_BOT_WEEKENDS: "yes" })).toThrow(/TOMS_BOT_WEEKENDS.*quiet or send/);
    expect(() => loadConfig({ TOMS_BOT_LEASE_SECONDS: "0" })).toThrow(/TOMS_BOT_LEASE_SECONDS/);
    expect(() => loadConfig({ TOMS_BOT_REMIND_AFTER_DAYS: "7", TOMS_BOT_ESCALATE_AFTER_DAYS: "3" })).toThrow(/TOMS_BOT_ESCALATE_AFTER_DAYS \(3\) must not be less than TOMS_BOT_REMIND_AFTER_DAYS \(7\)/);
    expect(() => loadConfig({ MicrosoftAppId: APP.MicrosoftAppId })).toThrow(/MicrosoftAppPassword/);
    expect(() => loadConfig({ ...APP, MicrosoftAppType: "SingleTenant" })).toThrow(/MicrosoftAppTenantId/);
    expect(() => loadConfig({ ...APP, MicrosoftAppType: "Personal" })).toThrow(/MicrosoftAppType.*MultiTenant, SingleTenant or UserAssignedMSI/);
  });
});

describe("POST /api/messages", () => {
  it("with a registration, refuses an activity the channel did not sign", async () => {
    const service = await startTestService({ ...APP, TOMS_BOT_PASS_MINUTES: "0" });
    try {
      const response = await fetch(`${service.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ type: "message", text: "status", channelId: "msteams", serviceUrl: "http://127.0.0.1:9/", from: { id: "29:x" }, conversation: { id: "a:x" }, recipient: { id: "28:bot" } }) });
      expect(response.status).toBe(401);
    } finally {
      await service.close();
    }
  });
});

describe("e-mail prompts with the Teams bot off (Entra sign-in, no MicrosoftAppId, a mail transport)", () => {
  it("runs the prompt pass and mails a supplier contact, claims nothing for Teams, and /api/messages still answers 503", async () => {
    const entra = await startEntraStandIn();
    const mailbox = await startDevMailbox();
    const logged: string[] = [];
    const log = pino({ level: "info" }, { write: (line: string) => void logged.push(line) });
    const service = await startTestService(
      { TOMS_ENTRA_AUTHORITY: entra.authority, TOMS_ENTRA_TENANT_ID: ENTRA_TENANT, TOMS_ENTRA_CLIENT_ID: ENTRA_CLIENT, TOMS_ENTRA_ROLES: "Procurement.Admin=admin", TOMS_SMTP_URL: mailbox.url, TOMS_MAIL_PER_MINUTE: "600", TOMS_BOT_PASS_MINUTES: "0", TOMS_LOG_LEVEL: "info" },
      log,
    );
    try {
      // What runs, in words, at the start.
      expect(logged.map((line) => (JSON.parse(line) as { msg: string }).msg)).toContainEqual(expect.stringMatching(/^the Teams bot is off \(no MicrosoftAppId\): prompts are sent by e-mail only.*\/api\/messages answers 503/));
      const admin = await entra.token({ oid: crypto.randomUUID(), roles: ["Procurement.Admin"] });
      await ensureServiceArea(service, admin);
      const supplierId = await addSupplier(service, admin);
      const startDate = monthStart(monthAfter(todayUk(), -2));
      const contract = await addContract(service, admin, { supplierId, startDate, endDate: `${Number(startDate.slice(0, 4)) + 2}-03-31` });
      await addKpi(service, admin, contract.id);
      expect((await service.call(`/api/suppliers/${supplierId}/contacts`, { method: "POST", token: admin, body: { name: "Ana Silva", email: "ana@delta.example" } })).status).toBe(201);

      const run = await service.call("/api/admin/prompts/run", { method: "POST", token: admin });
      expect(run.status, await run.clone().text()).toBe(200);
      const report = (await run.json()) as PassReport;
      const mail = await mailbox.waitFor((m) => m.to.includes("ana@delta.example"));
      expect(mail.text).toMatch(/\/update\/[^\s/]+/);
      expect(report.claimed).toBeGreaterThan(0);
      expect(report.sent).toBe(report.claimed);
      // The manager's prompts are Teams prompts: not claimed, counted as without a conversation.
      expect(report.withoutConversation).toBeGreaterThan(0);
      expect(mailbox.messages().every((m) => m.to.every((to) => to === "ana@delta.example"))).toBe(true);

      const messages = await service.call("/api/messages", { method: "POST", body: { type: "message", text: "status" } });
      expect(messages.status).toBe(503);
      expect((await messages.json()) as { title: string }).toMatchObject({ title: "The bot is not set up" });
    } finally {
      await service.close();
      await mailbox.close();
      await entra.close();
    }
  });
});
