// The outbound queue against a stand-in ledger (a map of records with ETags) and a stand-in seam,
// and the e-mail channel with a transport that records what it is given.
import { describe, expect, it } from "vitest";
import type { BotConversation, DispatchRecord } from "@toms/domain";
import { SendFailure, type OutgoingActivity } from "../seam.js";
import { OutboundQueue, type DispatchLedger, type LedgerResult } from "./outbound-queue.js";
import { retryDelay, waitBeforeSend } from "@toms/domain";
import { MAIL_OUTCOME_UNKNOWN, MailFailure, type MailMessage, type MailReceipt, type MailTransport } from "@toms/mail";
import { freshLinkSender, LinkRefused, mailChannel, mailLimits, sendFreshLinkMail, type MailTarget } from "./mail-delivery.js";

function record(id: string): DispatchRecord {
  return {
    key: `update-due|c|k|2026-03|${id}|-`,
    id,
    prompt: { kind: "update-due", contractId: "c", contractReference: "CCC-1", contractTitle: "Cleaning", recipient: { userId: id, as: "supplier-contact" }, round: "" },
    state: "claimed",
    owner: "me",
    leaseUntil: "2026-12-02T10:00:00.000Z",
    claimedAt: "2026-12-02T09:00:00.000Z",
    attempts: 0,
    etag: "1",
  };
}

function conversation(id: string): BotConversation {
  return { tenantId: "t", userId: id, reference: { conversation: { id: `conv-${id}` } }, installedAt: "", updatedAt: "" };
}

/** The stored rows: each step checks the ETag it was given, as storage does. */
class StoredLedger implements DispatchLedger {
  readonly rows = new Map<string, DispatchRecord>();
  private version = 1;
  put(row: DispatchRecord): void {
    this.rows.set(row.id, row);
  }
  private replace(row: DispatchRecord, change: Partial<DispatchRecord>): LedgerResult {
    const stored = this.rows.get(row.id);
    if (!stored || stored.etag !== row.etag) return { ok: false, kind: "stale" };
    this.version += 1;
    const next = { ...stored, ...change, etag: String(this.version) };
    this.rows.set(row.id, next);
    return next;
  }
  startAttempt = (row: DispatchRecord) => Promise.resolve(this.replace(row, { state: "sending", attempts: row.attempts + 1 }));
  sent = (row: DispatchRecord, activityId: string | undefined) => Promise.resolve(this.replace(row, { state: "sent", activityId }));
  // As the app's steps do, these store the record's attempts as given (a failed preparation counts its attempt).
  retry = (row: DispatchRecord, error: string, at: Date) => Promise.resolve(this.replace(row, { state: "retrying", attempts: row.attempts, error, nextAttemptAt: at.toISOString() }));
  failure = (row: DispatchRecord, error: string, options?: { addressFailed?: boolean }) => Promise.resolve(this.replace(row, { state: "failed", attempts: row.attempts, error, ...(options?.addressFailed ? { addressFailed: true } : {}) }));
}

/** The stored ledger, writing each step it is asked for, in order, into a log the channel writes to too. */
function logged(ledger: StoredLedger, log: string[]): DispatchLedger {
  return {
    startAttempt: (row) => (log.push(`sending ${row.id}`), ledger.startAttempt(row)),
    sent: (row, activityId) => (log.push(`sent ${row.id}`), ledger.sent(row, activityId)),
    retry: (row, error, at) => (log.push(`retrying ${row.id}`), ledger.retry(row, error, at)),
    failure: (row, error, options) => (log.push(`failed ${row.id}`), ledger.failure(row, error, options)),
  };
}

const activityFor = (row: DispatchRecord): OutgoingActivity => ({ type: "message", text: `prompt ${row.id}` });

describe("the outbound queue", () => {
  it("sends each record once and records it sent", async () => {
    const ledger = new StoredLedger();
    const sent: string[] = [];
    const queue = new OutboundQueue({ ledger, activityFor, seam: { send: (_ref, activity) => (sent.push((activity as { text: string }).text), Promise.resolve({ activityId: "a" })) } });
    for (const id of ["p1", "p2", "p3"]) {
      ledger.put(record(id));
      queue.enqueue(ledger.rows.get(id)!, conversation(id));
      queue.enqueue(ledger.rows.get(id)!, conversation(id));
    }
    await queue.settled(["p1", "p2", "p3"]);
    expect(sent.sort()).toEqual(["prompt p1", "prompt p2", "prompt p3"]);
    expect([...ledger.rows.values()].map((row) => [row.state, row.attempts, row.activityId])).toEqual([["sent", 1, "a"], ["sent", 1, "a"], ["sent", 1, "a"]]);
    await queue.stop();
  });

  it("drops a record another instance changed, without sending it", async () => {
    const ledger = new StoredLedger();
    let sends = 0;
    const queue = new OutboundQueue({ ledger, activityFor, seam: { send: () => ((sends += 1), Promise.resolve({})) } });
    ledger.put({ ...record("p1"), etag: "taken-over" });
    queue.enqueue(record("p1"), conversation("p1"));
    await queue.settled(["p1"]);
    expect(sends).toBe(0);
    expect(queue.outcome("p1")).toBe("dropped");
    expect(ledger.rows.get("p1")!.state).toBe("claimed");
  });

  it("retries 429 and 503, then sends; a 400 fails at once; spent attempts fail", async () => {
    const ledger = new StoredLedger();
    const answers: Record<string, number[]> = { p1: [429, 503], p2: [400], p3: [502, 502, 502] };
    const queue = new OutboundQueue({
      ledger,
      activityFor,
      random: () => 0,
      maxAttempts: 3,
      seam: {
        send: (ref) => {
          const id = ((ref.conversation as { id: string }).id).replace("conv-", "");
          const status = answers[id]!.shift();
          return status ? Promise.reject(new SendFailure("no", status, 0)) : Promise.resolve({ activityId: `sent-${id}` });
        },
      },
    });
    for (const id of ["p1", "p2", "p3"]) {
      ledger.put(record(id));
      queue.enqueue(record(id), conversation(id));
    }
    await queue.settled(["p1", "p2", "p3"]);
    const p1 = ledger.rows.get("p1")!;
    expect([p1.state, p1.attempts, p1.activityId]).toEqual(["sent", 3, "sent-p1"]);
    expect([ledger.rows.get("p2")!.state, ledger.rows.get("p2")!.attempts]).toEqual(["failed", 1]);
    expect(ledger.rows.get("p2")!.error).toContain("400");
    expect([ledger.rows.get("p3")!.state, ledger.rows.get("p3")!.attempts]).toEqual(["failed", 3]);
  });

  it("never sends more into a conversation or the app than the windows allow", async () => {
    const ledger = new StoredLedger();
    const times: { conversation: string; at: number }[] = [];
    const limits = { perConversation: [{ count: 2, windowMs: 60 }], perApp: [{ count: 3, windowMs: 60 }] };
    const queue = new OutboundQueue({
      ledger,
      activityFor,
      limits,
      // A few ms, as the default margin does for the channel: the seam reads the clock a tick after the queue.
      marginMs: 5,
      conversationMarginMs: 5,
      seam: { send: (ref) => (times.push({ conversation: (ref.conversation as { id: string }).id, at: Date.now() }), Promise.resolve({})) },
    });
    const ids = Array.from({ length: 9 }, (_, index) => `p${index}`);
    for (const [index, id] of ids.entries()) {
      ledger.put(record(id));
      // Three people, three prompts each.
      queue.enqueue(record(id), conversation(`u${index % 3}`));
    }
    await queue.settled(ids);
    expect(times).toHaveLength(9);
    for (const send of times) {
      const app = times.filter((other) => other.at > send.at - 60 && other.at <= send.at);
      expect(app.length).toBeLessThanOrEqual(3);
      expect(app.filter((other) => other.conversation === send.conversation).length).toBeLessThanOrEqual(2);
    }
  });

  it("records as sending only what the windows let go now, so a stop strands no more than that", async () => {
    const ledger = new StoredLedger();
    // One chat, twelve prompts, limits of 3 a second: the rest wait as claimed, not as sending.
    const limits = { perConversation: [{ count: 3, windowMs: 1_000 }], perApp: [{ count: 50, windowMs: 1_000 }] };
    // The channel holds every send until told to answer.
    const answers: Array<() => void> = [];
    const seam = { send: () => new Promise<{ activityId?: string }>((resolve) => answers.push(() => resolve({})) ) };
    const queue = new OutboundQueue({ ledger, activityFor, limits, marginMs: 0, conversationMarginMs: 0, seam });
    const ids = Array.from({ length: 12 }, (_, i) => `p${i}`);
    for (const id of ids) {
      ledger.put(record(id));
      queue.enqueue(ledger.rows.get(id)!, conversation("one"));
    }
    while (answers.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    const states = ids.map((id) => ledger.rows.get(id)!.state);
    expect(states.filter((state) => state === "sending")).toHaveLength(3);
    expect(states.filter((state) => state === "claimed")).toHaveLength(9);
    // A stop sends nothing more and finishes once the channel answers what is in flight.
    const stopped = queue.stop();
    for (const answer of answers) answer();
    await stopped;
    expect(ids.map((id) => ledger.rows.get(id)!.state).filter((state) => state === "sent")).toHaveLength(3);
    expect(answers).toHaveLength(3);
  });

  it("takes the newer record of a dispatch queued again (its own pass took it over), and sends it once", async () => {
    const ledger = new StoredLedger();
    let sends = 0;
    const queue = new OutboundQueue({ ledger, activityFor, seam: { send: () => ((sends += 1), Promise.resolve({})) } });
    ledger.put(record("p1"));
    const later = new Date(Date.now() + 50).toISOString();
    queue.enqueue({ ...record("p1"), nextAttemptAt: later }, conversation("p1"));
    // Taken over while waiting: the stored row has a new ETag.
    ledger.put({ ...record("p1"), etag: "taken-over-by-me" });
    queue.enqueue({ ...record("p1"), etag: "taken-over-by-me" }, conversation("p1"));
    await queue.settled(["p1"]);
    expect(queue.outcome("p1")).toBe("sent");
    expect(sends).toBe(1);
  });

  it("spreads the app's sends out evenly rather than letting a window's worth go at once", async () => {
    const ledger = new StoredLedger();
    const times: number[] = [];
    // 4 in 100 ms, widened by 20: a send every 30 ms.
    const limits = { perConversation: [{ count: 10, windowMs: 100 }], perApp: [{ count: 4, windowMs: 100 }] };
    const queue = new OutboundQueue({ ledger, activityFor, limits, marginMs: 20, seam: { send: () => (times.push(Date.now()), Promise.resolve({})) } });
    const ids = Array.from({ length: 8 }, (_, index) => `p${index}`);
    for (const id of ids) {
      ledger.put(record(id));
      queue.enqueue(record(id), conversation(id));
    }
    await queue.settled(ids);
    expect(times).toHaveLength(8);
    // A send after a late timer may catch up, but never comes within half a pace (15 ms) of the one
    // before: 14 allows for the millisecond the seam's clock may tick after the queue's.
    for (let i = 1; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(14);
  });

  it("a stop sends what it recorded as sending before it stops, so nothing is left to be called interrupted", async () => {
    const ledger = new StoredLedger();
    let sends = 0;
    // Storage is slow: the stop comes while attempts are being recorded.
    const slow: DispatchLedger = { ...ledger, startAttempt: (row) => new Promise((resolve) => setTimeout(() => resolve(ledger.startAttempt(row)), 20)) };
    const queue = new OutboundQueue({ ledger: slow, activityFor, seam: { send: () => ((sends += 1), Promise.resolve({})) } });
    const ids = ["p1", "p2", "p3"];
    for (const id of ids) {
      ledger.put(record(id));
      queue.enqueue(ledger.rows.get(id)!, conversation(id));
    }
    await queue.stop();
    const states = ids.map((id) => ledger.rows.get(id)!.state);
    expect(states.filter((state) => state === "sending")).toEqual([]);
    expect(sends).toBe(states.filter((state) => state === "sent").length);
  });

  it("stop leaves queued records claimed, and settles their waiters", async () => {
    const ledger = new StoredLedger();
    const queue = new OutboundQueue({ ledger, activityFor, seam: { send: () => Promise.resolve({}) } });
    ledger.put(record("p1"));
    queue.enqueue({ ...record("p1"), nextAttemptAt: new Date(Date.now() + 60_000).toISOString() }, conversation("p1"));
    const settled = queue.settled(["p1"]);
    await queue.stop();
    await settled;
    expect(queue.outcome("p1")).toBe("left");
    expect(ledger.rows.get("p1")!.state).toBe("claimed");
  });
});

describe("the send rules", () => {
  it("waits until the oldest send that blocks leaves its window", () => {
    expect(waitBeforeSend([0, 100, 200], 300, [{ count: 3, windowMs: 1000 }])).toBe(700);
    expect(waitBeforeSend([0, 100], 300, [{ count: 3, windowMs: 1000 }])).toBe(0);
  });
  it("backs off within the cap and never before Retry-After", () => {
    expect(retryDelay(1, 0.999, undefined)).toBeLessThan(1000);
    expect(retryDelay(20, 0.999, undefined)).toBeLessThanOrEqual(60_000);
    expect(retryDelay(1, 0, 7)).toBe(7000);
  });
});

/** A mail transport that keeps what it is given, and answers each send from a script (a status to fail with, or nothing: taken). */
class RecordingTransport implements MailTransport {
  readonly kind = "smtp" as const;
  readonly messages: { message: MailMessage; at: number }[] = [];
  constructor(private readonly script: Record<string, (MailFailure | undefined)[]> = {}) {}
  send(message: MailMessage): Promise<MailReceipt> {
    this.messages.push({ message, at: Date.now() });
    const failure = this.script[message.to.address]?.shift();
    return failure ? Promise.reject(failure) : Promise.resolve({ messageId: message.messageId });
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

describe("the outbound queue for e-mail", () => {
  const council = { name: "Coventry City Council", email: "procurement@coventry.gov.uk" };
  const mailed = (id: string, address = `${id}@supplier.example`): DispatchRecord => ({ ...record(id), channel: "email", address, prompt: { ...record(id).prompt, kpiTitle: "Streets swept", period: "2026-11", due: "2026-12-14", recipient: { userId: `contact:${id}`, as: "supplier-contact", email: address, name: "Ana Silva" } } });
  const linked: string[] = [];
  const options = (transport: MailTransport) => ({
    transport,
    from: { address: "contracts@coventry.gov.uk", name: "Coventry contracts" },
    perMinute: 30,
    link: (row: DispatchRecord) => (linked.push(row.id), Promise.resolve({ link: `https://toms.example/update/${row.id}-${row.attempts}`, expiresAt: "2027-01-13T00:00:00.000Z" })),
  });

  it("sends one mail per dispatch with its link, Message-ID and X-TOMs-Dispatch, and records the Message-ID", async () => {
    const ledger = new StoredLedger();
    const transport = new RecordingTransport();
    const queue = new OutboundQueue<MailTarget>({ ledger, channel: mailChannel(options(transport), council), limits: mailLimits(600) });
    for (const id of ["m1", "m2"]) {
      ledger.put(mailed(id));
      queue.enqueue(ledger.rows.get(id)!, { channel: "email" });
      queue.enqueue(ledger.rows.get(id)!, { channel: "email" });
    }
    await queue.settled(["m1", "m2"]);
    expect(transport.messages).toHaveLength(2);
    const first = transport.messages.find((m) => m.message.to.address === "m1@supplier.example")!.message;
    expect(first.messageId).toBe("<m1.1@coventry.gov.uk>");
    expect(first.headers).toEqual({ "X-TOMs-Dispatch": "c/m1" });
    expect(first.subject).toBe("Coventry City Council: update due for CCC-1 (November 2026)");
    expect(first.text).toContain("https://toms.example/update/m1-1");
    expect(first.replyTo).toEqual({ address: council.email, name: council.name });
    expect(ledger.rows.get("m1")).toMatchObject({ state: "sent", attempts: 1, activityId: "<m1.1@coventry.gov.uk>" });
    await queue.stop();
  });

  it("keeps the mailbox's pace: no more in any window than it allows", async () => {
    const ledger = new StoredLedger();
    const transport = new RecordingTransport();
    // The mailbox's limit, shrunk: 3 mails in 150 ms, no per-recipient window.
    const limits = { perConversation: [], perApp: [{ count: 3, windowMs: 150 }] };
    const queue = new OutboundQueue<MailTarget>({ ledger, channel: mailChannel(options(transport), council), limits, marginMs: 5, recordAhead: 2 });
    const ids = Array.from({ length: 7 }, (_, i) => `p${i}`);
    for (const id of ids) {
      // Two to the same address: nothing holds them apart but the app's pace.
      ledger.put(mailed(id, id === "p1" ? "p0@supplier.example" : undefined));
      queue.enqueue(ledger.rows.get(id)!, { channel: "email" });
    }
    await queue.settled(ids);
    const times = transport.messages.map((m) => m.at);
    expect(times).toHaveLength(7);
    for (const at of times) expect(times.filter((other) => other > at - 150 && other <= at).length).toBeLessThanOrEqual(3);
    expect(mailLimits(30)).toEqual({ perConversation: [], perApp: [{ count: 30, windowMs: 60_000 }] });
  });

  it("retries a server that is busy or unreachable with a new link each time; a refusal and an unknown outcome fail at once, in words", async () => {
    const ledger = new StoredLedger();
    linked.length = 0;
    const transport = new RecordingTransport({
      "busy@supplier.example": [new MailFailure("try later", 421, false, 0), new MailFailure("connect ECONNREFUSED", 0, false)],
      "gone@supplier.example": [new MailFailure("550 5.1.1 mailbox unknown", 550, true, undefined, ["gone@supplier.example"])],
      "lost@supplier.example": [new MailFailure("the connection closed after the message", MAIL_OUTCOME_UNKNOWN, false)],
    });
    const queue = new OutboundQueue<MailTarget>({ ledger, channel: mailChannel(options(transport), council), limits: mailLimits(6000), random: () => 0 });
    const rows = { b: mailed("b", "busy@supplier.example"), g: mailed("g", "gone@supplier.example"), l: mailed("l", "lost@supplier.example") };
    for (const row of Object.values(rows)) {
      ledger.put(row);
      queue.enqueue(row, { channel: "email" });
    }
    await queue.settled(["b", "g", "l"]);
    expect(ledger.rows.get("b")).toMatchObject({ state: "sent", attempts: 3, activityId: "<b.3@coventry.gov.uk>" });
    expect(transport.messages.filter((m) => m.message.to.address === "busy@supplier.example").map((m) => m.message.messageId)).toEqual(["<b.1@coventry.gov.uk>", "<b.2@coventry.gov.uk>", "<b.3@coventry.gov.uk>"]);
    expect(linked.filter((id) => id === "b")).toHaveLength(3);
    expect(ledger.rows.get("g")).toMatchObject({ state: "failed", attempts: 1, error: "The e-mail to gone@supplier.example was refused: 550 5.1.1 mailbox unknown" });
    expect(ledger.rows.get("l")).toMatchObject({ state: "failed", attempts: 1 });
    expect(ledger.rows.get("l")!.error).toMatch(/not known whether the e-mail to lost@supplier.example arrived/);
    expect(transport.messages.filter((m) => m.message.to.address === "lost@supplier.example")).toHaveLength(1);
  });

  it("issues the link and builds the mail before the attempt is recorded as sending; a retry prepares again, with a new link", async () => {
    const log: string[] = [];
    const ledger = new StoredLedger();
    const transport = new RecordingTransport({ "busy@supplier.example": [new MailFailure("try later", 421, false, 0)] });
    const send = transport.send.bind(transport);
    transport.send = (message) => (log.push(`mail ${message.messageId}`), send(message));
    let issued = 0;
    const channel = mailChannel(
      {
        ...options(transport),
        // What storage holds as the link is issued: never `sending` yet.
        link: (row) => (log.push(`link ${row.id}.${row.attempts} while ${ledger.rows.get(row.id)!.state}`), Promise.resolve({ link: `https://toms.example/update/token-${(issued += 1)}`, expiresAt: "2027-01-13T00:00:00.000Z" })),
      },
      council,
    );
    const queue = new OutboundQueue<MailTarget>({ ledger: logged(ledger, log), channel, limits: mailLimits(6000), random: () => 0 });
    ledger.put(mailed("b", "busy@supplier.example"));
    queue.enqueue(ledger.rows.get("b")!, { channel: "email" });
    await queue.settled(["b"]);
    expect(log).toEqual([
      "link b.1 while claimed",
      "sending b",
      "mail <b.1@coventry.gov.uk>",
      "retrying b",
      "link b.2 while retrying",
      "sending b",
      "mail <b.2@coventry.gov.uk>",
      "sent b",
    ]);
    expect(transport.messages.map((m) => m.message.text.match(/token-\d/)?.[0])).toEqual(["token-1", "token-2"]);
    expect(ledger.rows.get("b")).toMatchObject({ state: "sent", attempts: 2, activityId: "<b.2@coventry.gov.uk>" });
    await queue.stop();
  });

  it("fails a dispatch whose link is refused at preparation, never recorded as sending and never mailed; storage failing there is retried", async () => {
    const log: string[] = [];
    const ledger = new StoredLedger();
    const transport = new RecordingTransport();
    let storageDown = true;
    const channel = mailChannel(
      {
        ...options(transport),
        link: (row) => {
          log.push(`link ${row.id}.${row.attempts}`);
          if (row.id === "owed") return Promise.reject(new LinkRefused("Ana owes no update for this contract any more."));
          if (storageDown) return (storageDown = false), Promise.reject(new Error("storage is not answering"));
          return Promise.resolve({ link: "https://toms.example/update/ok", expiresAt: "2027-01-13T00:00:00.000Z" });
        },
      },
      council,
    );
    const queue = new OutboundQueue<MailTarget>({ ledger: logged(ledger, log), channel, limits: mailLimits(6000), random: () => 0 });
    ledger.put(mailed("owed"));
    queue.enqueue(ledger.rows.get("owed")!, { channel: "email" });
    await queue.settled(["owed"]);
    expect(log).toEqual(["link owed.1", "failed owed"]);
    expect(ledger.rows.get("owed")).toMatchObject({ state: "failed", attempts: 1, error: "No e-mail was sent to owed@supplier.example: Ana owes no update for this contract any more." });
    expect(ledger.rows.get("owed")!.addressFailed).toBeUndefined();
    log.length = 0;
    ledger.put(mailed("s"));
    queue.enqueue(ledger.rows.get("s")!, { channel: "email" });
    await queue.settled(["s"]);
    expect(log).toEqual(["link s.1", "retrying s", "link s.2", "sending s", "sent s"]);
    expect(ledger.rows.get("s")).toMatchObject({ state: "sent", attempts: 2, activityId: "<s.2@coventry.gov.uk>" });
    expect(transport.messages).toHaveLength(1);
    await queue.stop();
  });

  it("marks the address as failed only when the recipient's server refused that address", async () => {
    const ledger = new StoredLedger();
    const transport = new RecordingTransport({
      // SMTP 5xx on RCPT: the address's (matched whatever its case).
      "gone@supplier.example": [new MailFailure("The mail server refused Gone@Supplier.example: 550 5.1.1 mailbox unknown", 550, true, undefined, ["Gone@Supplier.example"])],
      // Graph 403: the council's own mailbox refused to send.
      "ana@supplier.example": [new MailFailure("The council's mailbox refused to send (403): ErrorAccessDenied", 403, true)],
      // Another recipient refused: not this address.
      "other@supplier.example": [new MailFailure("The mail server refused someone@else.example", 550, true, undefined, ["someone@else.example"])],
      "lost@supplier.example": [new MailFailure("lost", MAIL_OUTCOME_UNKNOWN, false)],
      "busy@supplier.example": [new MailFailure("try later", 421, false, 0), new MailFailure("try later", 421, false, 0)],
    });
    const queue = new OutboundQueue<MailTarget>({ ledger, channel: mailChannel(options(transport), council), limits: mailLimits(6000), random: () => 0, maxAttempts: 2 });
    const ids = ["gone", "ana", "other", "lost", "busy"];
    for (const id of ids) {
      ledger.put(mailed(id));
      queue.enqueue(ledger.rows.get(id)!, { channel: "email" });
    }
    await queue.settled(ids);
    expect(ids.map((id) => [id, ledger.rows.get(id)!.state, ledger.rows.get(id)!.addressFailed])).toEqual([
      ["gone", "failed", true],
      ["ana", "failed", undefined],
      ["other", "failed", undefined],
      ["lost", "failed", undefined],
      ["busy", "failed", undefined],
    ]);
    await queue.stop();
  });

  it("sends a fresh link's mail once, naming the sender", async () => {
    const transport = new RecordingTransport();
    await sendFreshLinkMail(options(transport), council, { address: "ana@supplier.example", contactName: "Ana Silva", contractReference: "CCC-1", contractTitle: "Cleaning", link: "https://toms.example/update/new", expiresAt: "2027-01-13T00:00:00.000Z" });
    expect(transport.messages).toHaveLength(1);
    expect(transport.messages[0]!.message).toMatchObject({ to: { address: "ana@supplier.example", name: "Ana Silva" }, subject: "Coventry City Council: your new update link for CCC-1" });
    expect(transport.messages[0]!.message.text).toContain("contracts@coventry.gov.uk");
    // As the /update route's sendFreshLink: to the address the link was issued for.
    await freshLinkSender(options(transport), council)({ link: "https://toms.example/update/newer", record: { expiresAt: "2027-01-13T00:00:00.000Z", address: "ana@supplier.example" }, contact: { name: "Ana Silva" }, contract: { reference: "CCC-1", title: "Cleaning" } });
    expect(transport.messages[1]!.message).toMatchObject({ to: { address: "ana@supplier.example" } });
    expect(transport.messages[1]!.message.text).toContain("https://toms.example/update/newer");
  });
});
