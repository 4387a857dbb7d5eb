// What the Overdue view says of an item's latest prompt, in Teams chat or by e-mail, in a contract
// manager's words: what was asked of whom, how and when, that it is on its way, or that it did not
// arrive and at which addresses.
import type { OwedItem } from "@toms/client";
import type { PromptChannel, PromptKind } from "@toms/domain";
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
  /** The e-mail addresses of the round that were refused by the recipient's server or came back, for the manager to check with the supplier. */
  failedAddresses?: string[];
}

/**
 * What each kind of prompt did once sent, around how it went ("Asked" "in Teams" "for a corrected
 * update"); the manager's kinds go to one person, so no count.
 */
const SENT_WORDS = {
  "update-due": { said: "Asked", after: "", toManager: false },
  reminder: { said: "Reminder sent", after: "", toManager: false },
  "requested-reminder": { said: "Reminder sent", after: "", toManager: false },
  correction: { said: "Asked", after: " for a corrected update", toManager: false },
  escalation: { said: "Escalated to the contract manager", after: "", toManager: true },
  "review-request": { said: "Review asked for", after: "", toManager: true },
  "assessment-due": { said: "Assessment due: told", after: "", toManager: true },
} as const satisfies Record<PromptKind, { said: string; after: string; toManager: boolean }>;

const VIA: Record<PromptChannel, string> = { teams: "in Teams", email: "by e-mail" };

/** How the round went: "in Teams", "by e-mail", or both. A delivery that names none went by Teams (rows from before e-mail prompts). */
function viaWords(channels: readonly PromptChannel[] | undefined): string {
  const used = channels && channels.length > 0 ? channels : (["teams"] as const);
  return used.map((c) => VIA[c]).join(" and ");
}

// A no-break space keeps "(2 people)" on one line in a narrow pane.
const people = (n: number) => `${n}\u00a0${n === 1 ? "person" : "people"}`;

/**
 * The words for an item's latest prompt, by the channels its round went by.
 *
 * @example
 * promptWords({ kind: "update-due", state: "sent", at: "2026-12-02T10:12:00Z", recipients: 1, channels: ["email"], failedAddresses: [] });
 * // { tone: "sent", headline: "Asked by e-mail 2 Dec 2026, 10:12 (1\u00a0person)" }
 */
export function promptWords(prompted: OwedItem["prompted"]): PromptWords {
  if (!prompted) return { tone: "none", headline: "Not asked yet" };
  const via = viaWords(prompted.channels);
  const failedAddresses = prompted.failedAddresses ?? [];
  const addresses = failedAddresses.length > 0 ? { failedAddresses } : {};
  const why = prompted.error ?? "The bot did not record why.";
  switch (prompted.state) {
    case "claimed":
    case "sending":
    case "retrying":
      return { tone: "sending", headline: `Sending ${via}…`, ...addresses };
    case "failed":
      return { tone: "failed", headline: "Not delivered", detail: why, ...addresses };
    case "interrupted":
      return { tone: "unknown", headline: "Not known if delivered", detail: why, ...addresses };
    case "sent": {
      const { said, after, toManager } = SENT_WORDS[prompted.kind];
      return { tone: "sent", headline: `${said} ${via}${after} ${formatDateTime(prompted.at)}${toManager ? "" : ` (${people(prompted.recipients)})`}`, ...addresses };
    }
  }
}

/**
 * What is said of the addresses that failed, beside whatever else the round did: one person's
 * mail may come back while the others' arrived. Only addresses refused by the recipient's server
 * or whose mail came back are listed (`addressFailed`); other e-mail failures are told by their
 * recorded error. A contact's address cannot be edited in the suite, so the words say what the
 * manager can do: check it with the supplier, and have a procurement officer (admin) add the
 * right contact.
 *
 * @example
 * undeliveredWords(["ana@example.com"]);
 * // "Not delivered to ana@example.com: the address was refused or the mail came back. Check it with the supplier, and ask a procurement officer to add the right contact."
 */
export function undeliveredWords(addresses: readonly string[]): string {
  const one = addresses.length <= 1;
  const list = one ? (addresses[0] ?? "") : `${addresses.slice(0, -1).join(", ")} and ${addresses[addresses.length - 1]}`;
  return one
    ? `Not delivered to ${list}: the address was refused or the mail came back. Check it with the supplier, and ask a procurement officer to add the right contact.`
    : `Not delivered to ${list}: the addresses were refused or the mail came back. Check them with the supplier, and ask a procurement officer to add the right contacts.`;
}
