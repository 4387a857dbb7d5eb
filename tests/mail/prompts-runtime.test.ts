// E-mail prompts through the bot's runtime (startBot with its mail queue) on one storage: exactly
// one mail per dispatch key when two instances pass at the same moment, and after an instance
// dies mid-send. The transport is the test's own (it records what it is given, and can hold sends
// as a server that never answers would); the service-level tests are tests/mail/prompts.test.ts.
import { afterAll, describe, expect, inject, it } from "vitest";
import { createAppDeps, type AppDeps } from "@toms/app";
import { startBot, type BotRuntime, type BotSeam, type MailPromptOptions } from "@toms/bot";
import { DEFAULT_MONEY_LABEL, DEFAULT_PROMPT_SETTINGS, type DispatchRecord, type Principal } from "@toms/domain";
import type { MailMessage, MailReceipt, MailTransport } from "@toms/mail";
import { connectStorage, type Storage } from "@toms/storage";
import { createKpi } from "@toms/app";

const opened: Storage[] = [];
const runtimes: BotRuntime[] = [];
afterAll(async () => {
  for (const runtime of runtimes) await runtime.stop();
  await Promise.all(opened.map((s) => s.close()));
});

// Monday 20 April 2026, 11:00 UK: the monthly KPI owes January to March.
const MORNING = new Date("2026-04-20T10:00:00.000Z");
const admin: Principal = { userId: "rob.amor", name: "Rob Amor", roles: ["admin"] };

/** Records every message; `hold` keeps sends unanswered until released, as a server that stalls. */
class RecordingTransport implements MailTransport {
  readonly kind = "smtp" as const;
  readonly messages: MailMessage[] = [];
  private held: Array<() => void> = [];
  hold = false;
  send(message: MailMessage): Promise<MailReceipt> {
    this.messages.push(message);
    if (!this.hold) return Promise.resolve({ messageId: message.messageId });
    return new Promise((resolve) => this.held.push(() => resolve({ messageId: message.messageId })));
  }
  get waiting(): number {
    return this.held.length;
  }
  release(): void {
    for (const answer of this.held.splice(0)) answer();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** No Teams here: nobody has a chat, so nothing is sent through the seam. */
const noTeams: BotSeam = {
  process: () => Promise.reject(new Error("no Teams in this test")),
  send: () => Promise.reject(new Error("no Teams in this test")),
};

async function portfolio(): Promise<{ storage: Storage; at: (date: Date) => AppDeps; contractId: string }> {
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const storage = await connectStorage({ connectionString: inject("azuriteConnectionString"), dataDir: "unused", tablePrefix: `m${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`, log });
  opened.push(storage);
  const at = (date: Date) => createAppDeps(storage, { moneyLabel: DEFAULT_MONEY_LABEL, now: () => date });
  const supplier = await storage.suppliers.create({ name: "Delta Ltd", vcse: false });
  const contract = await storage.contracts.create({ reference: "CCC-MAIL-2", title: "Street cleaning", supplierId: supplier.id, category: "services", value: 50_000, startDate: "2026-01-01", endDate: "2027-12-31", managerId: crypto.randomUUID(), managerName: "Tom Brennan", serviceArea: "Environment" });
  const kpi = await createKpi(at(new Date("2026-01-02T10:00:00.000Z")), admin, contract.id, { title: "Streets swept", unit: "%", target: 95, direction: "higher", frequency: "monthly", reporter: "supplier" });
  if (!kpi.ok) throw new Error(kpi.message);
  // Neither is in the council's Teams: e-mail only.
  for (const [name, email] of [["Ana Silva", "ana@delta.example"], ["Bo Li", "bo@delta.example"]] as const) await storage.suppliers.addContact(supplier.id, { name, email });
  return { storage, at, contractId: contract.id };
}

function runtime(deps: AppDeps, instance: string, transport: MailTransport): BotRuntime {
  const mail: MailPromptOptions = {
    transport,
    from: { address: "contracts@coventry.gov.uk", name: "Coventry contracts" },
    perMinute: 6000,
    link: (record: DispatchRecord) => Promise.resolve({ link: `https://toms.example/update/${record.id}.${record.attempts}`, expiresAt: "2026-05-20T10:00:00.000Z" }),
  };
  const bot = startBot(deps, { instance, registration: {}, settings: DEFAULT_PROMPT_SETTINGS, leaseSeconds: 120, passMinutes: 0, seam: noTeams, mail });
  runtimes.push(bot);
  return bot;
}

const dispatchOf = (message: MailMessage) => message.headers?.["X-TOMs-Dispatch"] ?? "";

describe("e-mail prompts through the bot's runtime", () => {
  it("sends one mail per key when two instances pass at the same moment, and none on the next pass", async () => {
    const { storage, at, contractId } = await portfolio();
    const transport = new RecordingTransport();
    const [a, b] = [runtime(at(MORNING), "i-a", transport), runtime(at(MORNING), "i-b", transport)];
    const [first, second] = await Promise.all([a.runPass(false), b.runPass(false)]);
    const mailed = (await storage.dispatches.ofContract(contractId)).filter((d) => d.channel === "email");
    // January to March for two contacts.
    expect(mailed).toHaveLength(6);
    expect(first.claimed + second.claimed).toBe(6);
    expect(first.sent + second.sent).toBe(6);
    expect(transport.messages).toHaveLength(6);
    expect(new Set(transport.messages.map(dispatchOf)).size).toBe(6);
    expect(mailed.every((d) => d.state === "sent" && d.activityId === `<${d.id}.1@coventry.gov.uk>`)).toBe(true);
    expect(transport.messages.map((m) => m.to.address).sort()).toEqual(["ana@delta.example", "ana@delta.example", "ana@delta.example", "bo@delta.example", "bo@delta.example", "bo@delta.example"]);
    const again = await Promise.all([a.runPass(false), b.runPass(false)]);
    expect(again.map((r) => r.claimed)).toEqual([0, 0]);
    expect(transport.messages).toHaveLength(6);
  });

  it("answers a pass whose mails are still going after the wait it was given, and they go on being sent", async () => {
    const { storage, at, contractId } = await portfolio();
    const slow = new RecordingTransport();
    slow.hold = true;
    const bot = runtime(at(MORNING), "i-slow", slow);
    // The server takes the first mails and does not answer yet: the pass answers after its wait.
    const report = await bot.runPass(false, 50);
    expect(report.claimed).toBe(6);
    expect(report.mailing).toBe(6 - report.sent - report.failed);
    expect(report.mailing).toBeGreaterThan(0);
    expect(report.unfinished).toBe(0);
    // Released, every mail goes once, recorded sent.
    slow.hold = false;
    slow.release();
    let mailed = (await storage.dispatches.ofContract(contractId)).filter((d) => d.channel === "email");
    for (let i = 0; i < 200 && !mailed.every((d) => d.state === "sent"); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      slow.release();
      mailed = (await storage.dispatches.ofContract(contractId)).filter((d) => d.channel === "email");
    }
    expect(mailed.map((d) => d.state)).toEqual(Array(6).fill("sent"));
    expect(new Set(slow.messages.map(dispatchOf)).size).toBe(6);
    expect(slow.messages).toHaveLength(6);
  });

  it("after an instance dies mid-send, the next never sends what may have left, and sends the rest once", async () => {
    const { storage, at, contractId } = await portfolio();
    const stalled = new RecordingTransport();
    stalled.hold = true;
    const dying = runtime(at(MORNING), "i-dies", stalled);
    // Its pass claims all six; the mail queue records at most two ahead as sending, and the server never answers them.
    void dying.runPass(false);
    while (stalled.waiting < 1) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const inFlight = new Set(stalled.messages.map(dispatchOf));
    expect(inFlight.size).toBeGreaterThan(0);

    // The lease has run out: another instance takes over.
    const transport = new RecordingTransport();
    const next = runtime(at(new Date(MORNING.getTime() + 200_000)), "i-next", transport);
    const report = await next.runPass(false);
    const stored = (await storage.dispatches.ofContract(contractId)).filter((d) => d.channel === "email");
    const sending = stored.filter((d) => inFlight.has(`${contractId}/${d.id}`));
    expect(sending.every((d) => d.state === "interrupted")).toBe(true);
    expect(sending[0]?.error).toMatch(/not known whether it arrived/);
    expect(report.interrupted).toBe(sending.length);
    expect(transport.messages.map(dispatchOf).filter((id) => inFlight.has(id))).toEqual([]);
    expect(transport.messages).toHaveLength(6 - sending.length);
    expect(new Set(transport.messages.map(dispatchOf)).size).toBe(6 - sending.length);

    // The stalled server answers at last: the dying instance's records are stale, nothing changes.
    stalled.release();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = (await storage.dispatches.ofContract(contractId)).filter((d) => d.channel === "email");
    expect(after.filter((d) => d.state === "sent")).toHaveLength(6 - sending.length);
    expect(after.filter((d) => d.state === "interrupted")).toHaveLength(sending.length);
  });
});
