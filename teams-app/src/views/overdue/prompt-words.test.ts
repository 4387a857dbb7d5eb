import { describe, expect, it } from "vitest";
import type { OwedItem } from "@toms/client";
import { promptWords, undeliveredWords } from "./prompt-words.js";

// 10:12 in London on 2 December (GMT), and 10:12 on 2 June (BST, an hour ahead of UTC).
const WINTER = "2026-12-02T10:12:00.000Z";
const SUMMER = "2026-06-02T09:12:00.000Z";

type Delivery = NonNullable<OwedItem["prompted"]>;
/** A delivery of the latest round, by Teams unless said. */
const by = (fields: Omit<Delivery, "channels" | "failedAddresses"> & Partial<Pick<Delivery, "channels" | "failedAddresses">>): Delivery => ({ channels: ["teams"], failedAddresses: [], ...fields });

describe("what the Overdue view says of the bot's prompt", () => {
  it("says nothing was asked, by any channel, when the bot has not prompted", () => {
    expect(promptWords(null)).toEqual({ tone: "none", headline: "Not asked yet" });
  });

  it("says what was asked, when in UK time, and of how many people", () => {
    expect(promptWords(by({ kind: "update-due", state: "sent", at: WINTER, recipients: 2 }))).toEqual({ tone: "sent", headline: "Asked in Teams 2 Dec 2026, 10:12 (2\u00a0people)" });
    expect(promptWords(by({ kind: "update-due", state: "sent", at: SUMMER, recipients: 1 })).headline).toBe("Asked in Teams 2 Jun 2026, 10:12 (1\u00a0person)");
    expect(promptWords(by({ kind: "reminder", state: "sent", at: WINTER, recipients: 3 })).headline).toBe("Reminder sent in Teams 2 Dec 2026, 10:12 (3\u00a0people)");
    expect(promptWords(by({ kind: "requested-reminder", state: "sent", at: WINTER, recipients: 1 })).headline).toBe("Reminder sent in Teams 2 Dec 2026, 10:12 (1\u00a0person)");
    expect(promptWords(by({ kind: "correction", state: "sent", at: WINTER, recipients: 2 })).headline).toBe("Asked in Teams for a corrected update 2 Dec 2026, 10:12 (2\u00a0people)");
  });

  it("names the contract manager, without a count, for what goes to them", () => {
    expect(promptWords(by({ kind: "escalation", state: "sent", at: WINTER, recipients: 1 })).headline).toBe("Escalated to the contract manager in Teams 2 Dec 2026, 10:12");
    expect(promptWords(by({ kind: "review-request", state: "sent", at: WINTER, recipients: 1 })).headline).toBe("Review asked for in Teams 2 Dec 2026, 10:12");
    expect(promptWords(by({ kind: "assessment-due", state: "sent", at: WINTER, recipients: 1 })).headline).toBe("Assessment due: told in Teams 2 Dec 2026, 10:12");
  });

  it("says a prompt is on its way while it is queued, being sent, or to be tried again", () => {
    for (const state of ["claimed", "sending", "retrying"] as const) expect(promptWords(by({ kind: "reminder", state, at: WINTER, recipients: 2 }))).toEqual({ tone: "sending", headline: "Sending in Teams…" });
  });

  it("marks a failure as a problem with the bot's reason, and an interruption as not known", () => {
    const error = "Teams refused the message: the person may have removed the app.";
    expect(promptWords(by({ kind: "update-due", state: "failed", at: WINTER, recipients: 1, error }))).toEqual({ tone: "failed", headline: "Not delivered", detail: error });
    expect(promptWords(by({ kind: "update-due", state: "interrupted", at: WINTER, recipients: 1, error: "The service stopped while sending." }))).toEqual({ tone: "unknown", headline: "Not known if delivered", detail: "The service stopped while sending." });
    expect(promptWords(by({ kind: "update-due", state: "failed", at: WINTER, recipients: 1 })).detail).toBe("The bot did not record why.");
  });
  it("says a round that names no channel went by Teams, as rows stored before e-mail prompts did", () => {
    expect(promptWords(by({ kind: "update-due", state: "sent", at: WINTER, recipients: 1, channels: [] })).headline).toBe("Asked in Teams 2 Dec 2026, 10:12 (1\u00a0person)");
  });
});

describe("what the Overdue view says of a prompt by e-mail", () => {
  const email = (fields: Omit<Delivery, "channels" | "failedAddresses"> & Partial<Pick<Delivery, "failedAddresses">>) => by({ channels: ["email"], ...fields });
  const both = (fields: Omit<Delivery, "channels" | "failedAddresses"> & Partial<Pick<Delivery, "failedAddresses">>) => by({ channels: ["teams", "email"], ...fields });

  it("says what was asked by e-mail, when in UK time, and of how many people", () => {
    expect(promptWords(email({ kind: "update-due", state: "sent", at: WINTER, recipients: 1 }))).toEqual({ tone: "sent", headline: "Asked by e-mail 2 Dec 2026, 10:12 (1\u00a0person)" });
    expect(promptWords(email({ kind: "reminder", state: "sent", at: SUMMER, recipients: 2 })).headline).toBe("Reminder sent by e-mail 2 Jun 2026, 10:12 (2\u00a0people)");
    expect(promptWords(email({ kind: "requested-reminder", state: "sent", at: WINTER, recipients: 1 })).headline).toBe("Reminder sent by e-mail 2 Dec 2026, 10:12 (1\u00a0person)");
    expect(promptWords(email({ kind: "correction", state: "sent", at: WINTER, recipients: 1 })).headline).toBe("Asked by e-mail for a corrected update 2 Dec 2026, 10:12 (1\u00a0person)");
  });

  it("says both channels when the round went to some in Teams and to others by e-mail", () => {
    expect(promptWords(both({ kind: "update-due", state: "sent", at: WINTER, recipients: 3 })).headline).toBe("Asked in Teams and by e-mail 2 Dec 2026, 10:12 (3\u00a0people)");
    expect(promptWords(both({ kind: "correction", state: "sent", at: WINTER, recipients: 2 })).headline).toBe("Asked in Teams and by e-mail for a corrected update 2 Dec 2026, 10:12 (2\u00a0people)");
    expect(promptWords(both({ kind: "reminder", state: "retrying", at: WINTER, recipients: 2 }))).toEqual({ tone: "sending", headline: "Sending in Teams and by e-mail…" });
  });

  it("says an e-mail is on its way while it is queued, being sent, or to be tried again", () => {
    for (const state of ["claimed", "sending", "retrying"] as const) expect(promptWords(email({ kind: "update-due", state, at: WINTER, recipients: 1 }))).toEqual({ tone: "sending", headline: "Sending by e-mail…" });
  });

  it("marks a refused or returned e-mail as not delivered, with the addresses that failed", () => {
    const error = "The e-mail to ana@example.com came back undelivered: 550 5.1.1 mailbox unavailable";
    expect(promptWords(email({ kind: "update-due", state: "failed", at: WINTER, recipients: 1, error, failedAddresses: ["ana@example.com"] }))).toEqual({ tone: "failed", headline: "Not delivered", detail: error, failedAddresses: ["ana@example.com"] });
  });

  it("tells another e-mail failure by its recorded words, naming no address to check", () => {
    const unknown = "The e-mail to ana@example.com may or may not have arrived: not known whether it arrived, so it is not sent again.";
    expect(promptWords(email({ kind: "reminder", state: "failed", at: WINTER, recipients: 1, error: unknown }))).toEqual({ tone: "failed", headline: "Not delivered", detail: unknown });
    const mailbox = "The council's mailbox refused to send the e-mail to ana@example.com: ErrorAccessDenied";
    expect(promptWords(email({ kind: "update-due", state: "failed", at: WINTER, recipients: 1, error: mailbox }))).toEqual({ tone: "failed", headline: "Not delivered", detail: mailbox });
  });

  it("keeps the addresses that failed beside a round that otherwise arrived", () => {
    const words = promptWords(both({ kind: "update-due", state: "sent", at: WINTER, recipients: 2, failedAddresses: ["ben@example.com"] }));
    expect(words).toEqual({ tone: "sent", headline: "Asked in Teams and by e-mail 2 Dec 2026, 10:12 (2\u00a0people)", failedAddresses: ["ben@example.com"] });
  });

  it("names each address that failed, and what the manager can do, since an address cannot be edited here", () => {
    expect(undeliveredWords(["ana@example.com"])).toBe("Not delivered to ana@example.com: the address was refused or the mail came back. Check it with the supplier, and ask a procurement officer to add the right contact.");
    expect(undeliveredWords(["ana@example.com", "ben@example.com"])).toBe("Not delivered to ana@example.com and ben@example.com: the addresses were refused or the mail came back. Check them with the supplier, and ask a procurement officer to add the right contacts.");
    expect(undeliveredWords(["ana@example.com", "ben@example.com", "cy@example.com"])).toBe("Not delivered to ana@example.com, ben@example.com and cy@example.com: the addresses were refused or the mail came back. Check them with the supplier, and ask a procurement officer to add the right contacts.");
    expect(undeliveredWords(["ana@example.com"])).not.toMatch(/Supplier contacts/);
  });
});
