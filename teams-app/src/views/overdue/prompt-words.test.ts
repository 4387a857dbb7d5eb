import { describe, expect, it } from "vitest";
import { promptWords } from "./prompt-words.js";

// 10:12 in London on 2 December (GMT), and 10:12 on 2 June (BST, an hour ahead of UTC).
const WINTER = "2026-12-02T10:12:00.000Z";
const SUMMER = "2026-06-02T09:12:00.000Z";

describe("what the Overdue view says of the bot's prompt", () => {
  it("says nothing was asked when the bot has not prompted", () => {
    expect(promptWords(null)).toEqual({ tone: "none", headline: "Not asked in Teams yet" });
  });

  it("says what was asked, when in UK time, and of how many people", () => {
    expect(promptWords({ kind: "update-due", state: "sent", at: WINTER, recipients: 2 })).toEqual({ tone: "sent", headline: "Asked in Teams 2 Dec 2026, 10:12 (2\u00a0people)" });
    expect(promptWords({ kind: "update-due", state: "sent", at: SUMMER, recipients: 1 }).headline).toBe("Asked in Teams 2 Jun 2026, 10:12 (1\u00a0person)");
    expect(promptWords({ kind: "reminder", state: "sent", at: WINTER, recipients: 3 }).headline).toBe("Reminder sent in Teams 2 Dec 2026, 10:12 (3\u00a0people)");
    expect(promptWords({ kind: "requested-reminder", state: "sent", at: WINTER, recipients: 1 }).headline).toBe("Reminder sent in Teams 2 Dec 2026, 10:12 (1\u00a0person)");
    expect(promptWords({ kind: "correction", state: "sent", at: WINTER, recipients: 2 }).headline).toBe("Asked in Teams for a corrected update 2 Dec 2026, 10:12 (2\u00a0people)");
  });

  it("names the contract manager, without a count, for what goes to them", () => {
    expect(promptWords({ kind: "escalation", state: "sent", at: WINTER, recipients: 1 }).headline).toBe("Escalated to the contract manager in Teams 2 Dec 2026, 10:12");
    expect(promptWords({ kind: "review-request", state: "sent", at: WINTER, recipients: 1 }).headline).toBe("Review asked for in Teams 2 Dec 2026, 10:12");
    expect(promptWords({ kind: "assessment-due", state: "sent", at: WINTER, recipients: 1 }).headline).toBe("Assessment due: told in Teams 2 Dec 2026, 10:12");
  });

  it("says a prompt is on its way while it is queued, being sent, or to be tried again", () => {
    for (const state of ["claimed", "sending", "retrying"] as const) expect(promptWords({ kind: "reminder", state, at: WINTER, recipients: 2 })).toEqual({ tone: "sending", headline: "Sending in Teams…" });
  });

  it("marks a failure as a problem with the bot's reason, and an interruption as not known", () => {
    const error = "Teams refused the message: the person may have removed the app.";
    expect(promptWords({ kind: "update-due", state: "failed", at: WINTER, recipients: 1, error })).toEqual({ tone: "failed", headline: "Not delivered", detail: error });
    expect(promptWords({ kind: "update-due", state: "interrupted", at: WINTER, recipients: 1, error: "The service stopped while sending." })).toEqual({ tone: "unknown", headline: "Not known if delivered", detail: "The service stopped while sending." });
    expect(promptWords({ kind: "update-due", state: "failed", at: WINTER, recipients: 1 }).detail).toBe("The bot did not record why.");
  });
});
