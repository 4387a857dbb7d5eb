// What the Overdue view says of the bot's latest prompt of an item in Teams chat, in a contract
// manager's words: what was asked of whom and when, that it is on its way, or that it did not arrive.
import type { OwedItem } from "@toms/client";
import type { PromptKind } from "@toms/domain";
import { formatDateTime } from "../../common/format.js";

/**
 * How the delivery reads at a glance: done (sent), on its way (sending), a problem (failed), not
 * known (interrupted: it may or may not have arrived), or nothing asked yet (none).
 */
export type PromptTone = "sent" | "sending" | "failed" | "unknown" | "none";

/** The words of one delivery: the headline, and for a problem what went wrong. */
export interface PromptWords {
  tone: PromptTone;
  headline: string;
  /** Why it failed or may not have arrived, as the bot recorded it. */
  detail?: string;
}

/** What each kind of prompt did once sent; the manager's kinds go to one person, so no count. */
const SENT_WORDS = {
  "update-due": { said: "Asked in Teams", toManager: false },
  reminder: { said: "Reminder sent in Teams", toManager: false },
  "requested-reminder": { said: "Reminder sent in Teams", toManager: false },
  correction: { said: "Asked in Teams for a corrected update", toManager: false },
  escalation: { said: "Escalated to the contract manager in Teams", toManager: true },
  "review-request": { said: "Review asked for in Teams", toManager: true },
  "assessment-due": { said: "Assessment due: told in Teams", toManager: true },
} as const satisfies Record<PromptKind, { said: string; toManager: boolean }>;

// A no-break space keeps "(2 people)" on one line in a narrow pane.
const people = (n: number) => `${n}\u00a0${n === 1 ? "person" : "people"}`;

/**
 * The words for an item's latest prompt in Teams chat.
 *
 * @example
 * promptWords({ kind: "update-due", state: "sent", at: "2026-12-02T10:12:00Z", recipients: 2 });
 * // { tone: "sent", headline: "Asked in Teams 2 Dec 2026, 10:12 (2\u00a0people)" }
 */
export function promptWords(prompted: OwedItem["prompted"]): PromptWords {
  if (!prompted) return { tone: "none", headline: "Not asked in Teams yet" };
  const why = prompted.error ?? "The bot did not record why.";
  switch (prompted.state) {
    case "claimed":
    case "sending":
    case "retrying":
      return { tone: "sending", headline: "Sending in Teams…" };
    case "failed":
      return { tone: "failed", headline: "Not delivered", detail: why };
    case "interrupted":
      return { tone: "unknown", headline: "Not known if delivered", detail: why };
    case "sent": {
      const { said, toManager } = SENT_WORDS[prompted.kind];
      return { tone: "sent", headline: `${said} ${formatDateTime(prompted.at)}${toManager ? "" : ` (${people(prompted.recipients)})`}` };
    }
  }
}

