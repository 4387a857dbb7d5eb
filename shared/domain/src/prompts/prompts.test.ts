import { describe, expect, it } from "vitest";
import { DEFAULT_PROMPT_SETTINGS, type DispatchRecord, type Prompt } from "./model.js";
import { dispatchKey } from "./dispatch-key.js";
import { isQuietTime } from "./quiet-time.js";
import { promptDeliveryOf } from "./prompt-delivery.js";
import { TEAMS_RATE_LIMITS, isRetryableStatus, retryDelay, waitBeforeSend } from "./send-limits.js";
import { nearestCommand } from "./commands.js";
import { plainText } from "./plain-text.js";
import { readCardReview, readCardUpdate } from "./card-inputs.js";
import { askedBeforeDue } from "./prompts-of.js";
import { chatCardKey, correctionKey, openUpdateOf } from "./card-keys.js";
import type { KpiUpdate } from "../delivery/model.js";
import { contract } from "../delivery/test-support.js";
import type { DeliveryDigest } from "../delivery/model.js";

const prompt = (overrides: Partial<Prompt> = {}): Prompt => ({
  kind: "update-due",
  contractId: "c-1",
  contractReference: "CCC-101",
  contractTitle: "Waste collection",
  kpiId: "k-1",
  period: "2026-03",
  recipient: { userId: "u-1", as: "supplier-contact" },
  round: "",
  ...overrides,
});

describe("quiet hours, in UK time", () => {
  const quiet = (iso: string, settings = DEFAULT_PROMPT_SETTINGS) => isQuietTime(new Date(iso), settings);

  it("keeps the evening and the night, by the UK clock in summer and in winter", () => {
    // Monday 20 April 2026 is in BST: 17:59 UK is 16:59Z, 18:00 UK is 17:00Z.
    expect(quiet("2026-04-20T16:59:00Z")).toBe(false);
    expect(quiet("2026-04-20T17:00:00Z")).toBe(true);
    expect(quiet("2026-04-21T06:59:00Z")).toBe(true);
    expect(quiet("2026-04-21T07:00:00Z")).toBe(false);
    // Monday 7 December 2026 is in GMT: the UK clock is UTC.
    expect(quiet("2026-12-07T17:59:00Z")).toBe(false);
    expect(quiet("2026-12-07T18:00:00Z")).toBe(true);
    expect(quiet("2026-12-07T07:59:00Z")).toBe(true);
  });

  it("keeps weekends unless told to send then, and quiet hours that do not wrap midnight", () => {
    expect(quiet("2026-04-25T10:00:00Z")).toBe(true); // Saturday
    expect(quiet("2026-04-26T10:00:00Z")).toBe(true); // Sunday
    expect(quiet("2026-04-25T10:00:00Z", { ...DEFAULT_PROMPT_SETTINGS, sendAtWeekends: true })).toBe(false);
    const lunch = { ...DEFAULT_PROMPT_SETTINGS, quietHours: { start: "12:00", end: "13:00" } };
    expect(quiet("2026-12-07T12:30:00Z", lunch)).toBe(true);
    expect(quiet("2026-12-07T13:00:00Z", lunch)).toBe(false);
    expect(quiet("2026-12-07T20:00:00Z", lunch)).toBe(false);
  });
});

describe("dispatch keys", () => {
  it("differ by kind, KPI, period, recipient and round, and cannot collide through a separator", () => {
    const keys = [
      prompt(),
      prompt({ kind: "reminder" }),
      prompt({ kpiId: "k-2" }),
      prompt({ period: "2026-04" }),
      prompt({ recipient: { userId: "u-2", as: "supplier-contact" } }),
      prompt({ kind: "correction", round: "upd-1" }),
      prompt({ kind: "correction", round: "upd-2" }),
      prompt({ kpiId: "k|2026-03", period: "x" }),
      prompt({ kpiId: "k", period: "2026-03|x" }),
    ].map(dispatchKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(dispatchKey(prompt({ recipient: { userId: "u-1", as: "supplier-contact", name: "Ana" } }))).toBe(dispatchKey(prompt()));
  });
});

describe("the Overdue view's delivery status", () => {
  const record = (overrides: Partial<DispatchRecord>): DispatchRecord => ({ key: "k", id: "d", prompt: prompt(), state: "sent", owner: "i", leaseUntil: "", claimedAt: "2026-04-20T10:00:00.000Z", attempts: 1, ...overrides });

  it("is nothing before a prompt, else the latest round's state and how many it reached", () => {
    expect(promptDeliveryOf([])).toBeNull();
    const first = record({ sentAt: "2026-04-20T10:00:01.000Z" });
    const second = record({ prompt: prompt({ recipient: { userId: "u-2", as: "supplier-contact" } }), state: "failed", error: "Teams refused", finishedAt: "2026-04-20T10:05:00.000Z", claimedAt: "2026-04-20T10:01:00.000Z" });
    const reminder = record({ prompt: prompt({ kind: "reminder" }), claimedAt: "2026-04-23T10:00:00.000Z", sentAt: "2026-04-23T10:00:02.000Z" });
    expect(promptDeliveryOf([first, second])).toEqual({ kind: "update-due", state: "failed", at: "2026-04-20T10:05:00.000Z", recipients: 2, error: "Teams refused", channels: ["teams"], failedAddresses: [] });
    expect(promptDeliveryOf([first, second, reminder])).toEqual({ kind: "reminder", state: "sent", at: "2026-04-23T10:00:02.000Z", recipients: 1, channels: ["teams"], failedAddresses: [] });
    const escalation = record({ prompt: prompt({ kind: "escalation", recipient: { userId: "m-1", as: "manager" } }), claimedAt: reminder.claimedAt, sentAt: "2026-04-23T10:00:01.000Z" });
    expect(promptDeliveryOf([escalation, reminder])).toMatchObject({ kind: "escalation" });
    expect(promptDeliveryOf([reminder, escalation])).toMatchObject({ kind: "escalation" });
  });

  it("names the round's channels and the e-mail addresses that were refused or bounced", () => {
    const teams = record({ channel: "teams", sentAt: "2026-04-20T10:00:01.000Z" });
    const mailed = record({ prompt: prompt({ recipient: { userId: "contact:c-2", as: "supplier-contact" } }), channel: "email", address: "bo@example.com", state: "failed", bouncedAt: "2026-04-20T11:00:00.000Z", addressFailed: true, error: "The e-mail to bo@example.com came back undelivered: 550 5.1.1" });
    const refused = record({ prompt: prompt({ recipient: { userId: "contact:c-3", as: "supplier-contact" } }), channel: "email", address: "al@example.com", state: "failed", addressFailed: true, error: "The e-mail to al@example.com was refused: 550 5.1.1 No such user" });
    expect(promptDeliveryOf([teams, mailed, refused])).toMatchObject({ channels: ["teams", "email"], failedAddresses: ["al@example.com", "bo@example.com"] });
  });

  it("names no address for an e-mail failure that was not the address's", () => {
    const mailed = (userId: string, address: string, error: string, extra: Partial<DispatchRecord> = {}) =>
      record({ prompt: prompt({ recipient: { userId, as: "supplier-contact" } }), channel: "email", address, state: "failed", error, ...extra });
    const accessDenied = mailed("contact:c-1", "ana@example.com", "The council's mailbox refused to send the e-mail to ana@example.com: ErrorAccessDenied");
    const unknown = mailed("contact:c-2", "bo@example.com", "It is not known whether the e-mail to bo@example.com arrived. It is not sent again.");
    const noLink = mailed("contact:c-3", "cy@example.com", "No e-mail was sent to cy@example.com: it owes no update now.");
    const notAddress = mailed("contact:c-4", "di@example.com", "Gave up after 5 tries", { addressFailed: false });
    const interrupted = mailed("contact:c-5", "ed@example.com", "Interrupted", { state: "interrupted", addressFailed: true });
    expect(promptDeliveryOf([accessDenied, unknown, noLink, notAddress, interrupted])).toMatchObject({ channels: ["email"], failedAddresses: [] });
    // The same address refused for one item and not for another is named once.
    const twice = mailed("contact:c-1", "ana@example.com", "refused", { addressFailed: true, prompt: prompt({ kpiId: "k-2", recipient: { userId: "contact:c-1", as: "supplier-contact" } }) });
    expect(promptDeliveryOf([accessDenied, twice])?.failedAddresses).toEqual(["ana@example.com"]);
  });
});

describe("Teams' send limits", () => {
  const [perSecond] = TEAMS_RATE_LIMITS.perApp;

  it("lets a send go while every window has room, and waits for the oldest send to leave a full one", () => {
    expect(waitBeforeSend([], 1_000, TEAMS_RATE_LIMITS.perConversation)).toBe(0);
    const seven = [0, 10, 20, 30, 40, 50, 60];
    expect(waitBeforeSend(seven.slice(0, 6), 100, TEAMS_RATE_LIMITS.perConversation)).toBe(0);
    expect(waitBeforeSend(seven, 100, TEAMS_RATE_LIMITS.perConversation)).toBe(900);
    // Eight in two seconds: the eighth is fine at 1.5 s, the ninth waits for the first to be 2 s old.
    const eight = [...seven, 1_500];
    expect(waitBeforeSend(eight, 1_600, TEAMS_RATE_LIMITS.perConversation)).toBe(400);
    expect(waitBeforeSend(Array.from({ length: 50 }, (_, i) => i * 10), 600, [perSecond!])).toBe(400);
    expect(waitBeforeSend(seven, 100, TEAMS_RATE_LIMITS.perConversation, 50)).toBe(950);
  });

  it("retries throttling and the channel's gateway errors, not a refusal", () => {
    for (const status of [429, 412, 502, 503, 504, 0]) expect(isRetryableStatus(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 500]) expect(isRetryableStatus(status)).toBe(false);
  });

  it("backs off exponentially with jitter, capped at a minute, and never sooner than Retry-After", () => {
    expect(retryDelay(1, 0.999)).toBe(999);
    expect(retryDelay(3, 0.5)).toBe(2_000);
    expect(retryDelay(20, 0.999)).toBe(59_940);
    expect(retryDelay(1, 0, 7)).toBe(7_000);
    expect(retryDelay(4, 0.999, 1)).toBe(7_992);
  });
});

describe("chat commands", () => {
  it("reads the first word, whatever its case, and finds the nearest for a near miss", () => {
    expect(nearestCommand("  Status please ")).toEqual({ command: "status", exact: true });
    expect(nearestCommand("stauts")).toEqual({ command: "status", exact: false });
    expect(nearestCommand("contract")).toEqual({ command: "contracts", exact: false });
    expect(nearestCommand("hlep")).toEqual({ command: "help", exact: false });
    expect(nearestCommand("good morning")).toBeUndefined();
    expect(nearestCommand("   ")).toBeUndefined();
  });
});

describe("what users typed, shown as text", () => {
  it("neutralises links, emphasis, html and mentions", () => {
    expect(plainText("[pay here](https://evil.example)")).toBe("\\[pay here\\]\\(https://evil.example\\)");
    expect(plainText("<at>Ana</at> *urgent* @ana")).toBe("\\<at\\>Ana\\</at\\> \\*urgent\\* @\u200Bana");
    expect(plainText("96.5% on time")).toBe("96.5% on time");
  });
});

describe("card inputs", () => {
  it("reads a value typed as a string, with its note and evidence link", () => {
    expect(readCardUpdate("2026-03", { value: " 96.5 ", note: " late lorry ", evidenceUrl: "https://example.org/log" })).toEqual({ ok: true, input: { period: "2026-03", value: 96.5, note: "late lorry", evidenceUrl: "https://example.org/log" } });
    expect(readCardUpdate("2026-03", { value: "-2", note: "" })).toEqual({ ok: true, input: { period: "2026-03", value: -2 } });
  });

  it("names the field at fault: a missing value, words, a value with other text, a bad link", () => {
    expect(readCardUpdate("2026-03", { value: "" })).toEqual({ ok: false, errors: [{ field: "value", message: "is required" }] });
    expect(readCardUpdate("2026-03", {})).toEqual({ ok: false, errors: [{ field: "value", message: "is required" }] });
    for (const value of ["ninety", "96,5", "1 2", "0x10", "Infinity"]) expect(readCardUpdate("2026-03", { value })).toEqual({ ok: false, errors: [{ field: "value", message: "must be a number" }] });
    expect(readCardUpdate("2026-03", { value: "1", evidenceUrl: "javascript:alert(1)" })).toEqual({ ok: false, errors: [{ field: "evidenceUrl", message: "must be a web address starting https://" }] });
  });

  it("needs a reason to reject, not to approve", () => {
    expect(readCardReview("approve", { reason: " " })).toEqual({ ok: true, input: { decision: "approve" } });
    expect(readCardReview("reject", { reason: "" })).toEqual({ ok: false, errors: [{ field: "reason", message: "is needed to reject an update: tell the supplier what to correct" }] });
    expect(readCardReview("reject", { reason: "March is missing the depot data" })).toEqual({ ok: true, input: { decision: "reject", reason: "March is missing the depot data" } });
  });
});

describe("what is asked for before it is owed", () => {
  // A contract from April 2026: April's update is due on 14 May (14 days after the month).
  const digest = (marks: string): DeliveryDigest => ({ contractId: "c-1", version: 1, kpis: [{ id: "k-1", kind: "kpi", title: "Collections on time", reporter: "supplier", frequency: "monthly", marks }], assessments: [], socialValue: { committed: 0, delivered: 0 } });
  const asked = (marks: string, today: string) => askedBeforeDue(contract(), digest(marks), today, 14).map((a) => [a.period, a.what, a.since]);

  it("asks for a month's update once it has ended, until it falls due and is owed instead", () => {
    expect(asked("", "2026-04-30")).toEqual([]);
    expect(asked("", "2026-05-01")).toEqual([["2026-04", "update", "2026-05-14"]]);
    expect(asked("", "2026-05-14")).toEqual([["2026-04", "update", "2026-05-14"]]);
    expect(asked("", "2026-05-15")).toEqual([]);
  });

  it("asks nothing while an update waits for review or once accepted, and asks for a correction at once after a rejection", () => {
    expect(asked("2026-04:p2026-05-02", "2026-05-05")).toEqual([]);
    expect(asked("2026-04:g", "2026-05-05")).toEqual([]);
    expect(asked("2026-04:x2026-05-04", "2026-05-05")).toEqual([["2026-04", "correction", "2026-05-04"]]);
  });
});

describe("a card's update and key", () => {
  const update = (revision: number, status: KpiUpdate["status"], period = "2026-04"): KpiUpdate => ({ id: `u-${period}-${revision}`, contractId: "c-1", kpiId: "k-1", period, revision, value: revision, submittedAs: "supplier", submittedBy: "ana", submittedAt: "2026-05-02T09:00:00.000Z", idempotencyKey: `k${revision}`, status, counts: status === "accepted" });

  it("stands for the period's latest update not rejected", () => {
    expect(openUpdateOf([update(1, "rejected"), update(2, "pending"), update(1, "accepted", "2026-05")], "2026-04")?.id).toBe("u-2026-04-2");
    expect(openUpdateOf([update(1, "rejected")], "2026-04")).toBeUndefined();
  });

  it("keeps the chat card's key for the same item and round, and gives a correction its own", () => {
    expect(chatCardKey({ contractId: "c-1", kpiId: "k-1", period: "2026-04", round: "" })).toBe(chatCardKey({ contractId: "c-1", kpiId: "k-1", period: "2026-04", round: "" }));
    expect(chatCardKey({ contractId: "c-1", kpiId: "k-1", period: "2026-04", round: "u-1" })).not.toBe(chatCardKey({ contractId: "c-1", kpiId: "k-1", period: "2026-04", round: "" }));
    expect(correctionKey("card-1", [], "2026-04")).toBe("card-1");
    expect(correctionKey("card-1", [update(1, "rejected")], "2026-04")).toBe("card-1:1");
    expect(correctionKey("card-1", [update(1, "rejected"), update(2, "rejected")], "2026-04")).toBe("card-1:2");
  });
});
