// What the contract page's "Supplier contacts" section says of each contact (whether the bot can
// reach them in Teams, how prompts reach them now, the choices of channel) and of each signed
// update link (its state, what it covers). The service decides how prompts reach each contact and
// answers it as `reach` (docs/suppliers.md): these words only say it.
import type { ContactChannelChoice, ContactView, UpdateLinkState, UpdateLinkSummary } from "@toms/client";
import { formatDateTime } from "../../common/format.js";

/** The choices of channel, in the order offered, with their words. */
export const CHANNEL_CHOICES = [
  { value: "automatic", label: "Automatic (Teams if they have the app, else e-mail)" },
  { value: "teams", label: "Teams" },
  { value: "email", label: "E-mail" },
] as const satisfies readonly { value: ContactChannelChoice; label: string }[];

/** The contact's choice as the list offers it: no channel stored is automatic. */
export function channelChoiceOf(contact: Pick<ContactView, "channel">): ContactChannelChoice {
  return contact.channel ?? "automatic";
}

/**
 * Whether the bot can reach them in Teams.
 *
 * @example
 * teamsWords({ teamsChat: false }); // "No Teams chat"
 */
export function teamsWords(contact: Pick<ContactView, "teamsChat">): string {
  return contact.teamsChat ? "Has the app in Teams" : "No Teams chat";
}

/** How prompts reach a contact now, as the service worked it out (`reach`), in words. */
export interface ReachWords {
  /** teams or email; none when their channel cannot reach them now. */
  reach: ContactView["reach"];
  words: string;
}

/**
 * How prompts reach the contact, in words. The service decides it (`reach`: its channel rule, with
 * their Teams chat and whether it sends e-mail); these words only say it, and for "none" why, from
 * the choice and the chat the page shows.
 *
 * @example
 * reachWords({ reach: "email", email: "ana@example.com", teamsChat: false }); // { reach: "email", words: "By e-mail to ana@example.com" }
 * reachWords({ reach: "none", email: "ana@example.com", teamsChat: false }); // { reach: "none", words: "Not reached now: e-mail is not set up and they have no Teams chat." }
 */
export function reachWords(contact: Pick<ContactView, "reach" | "channel" | "teamsChat" | "email">): ReachWords {
  switch (contact.reach) {
    case "teams":
      return { reach: "teams", words: "In Teams" };
    case "email":
      return { reach: "email", words: `By e-mail to ${contact.email}` };
    case "none":
      return { reach: "none", words: notReachedWords(contact) };
  }
}

/** Why a contact the service cannot reach now is not reached, from their choice and chat. */
function notReachedWords(contact: Pick<ContactView, "channel" | "teamsChat">): string {
  if (contact.channel === "teams" && !contact.teamsChat) return "Not reached now: Teams is chosen and they have no Teams chat with the bot. Choose Automatic or E-mail to reach them by e-mail, where e-mail is set up.";
  if (contact.channel === "email") return "Not reached now: e-mail is chosen and e-mail is not set up.";
  return "Not reached now: e-mail is not set up and they have no Teams chat.";
}

/**
 * What is said once a contact's channel is changed, from the contact as the service answered it.
 *
 * @example
 * channelChangedWords({ name: "Ana Byrne", email: "ana@example.com", channel: "email", teamsChat: true, reach: "email" }); // "Saved. Prompts to Ana Byrne: by e-mail to ana@example.com."
 */
export function channelChangedWords(contact: Pick<ContactView, "name" | "reach" | "channel" | "teamsChat" | "email">): string {
  const { words } = reachWords(contact);
  return `Saved. Prompts to ${contact.name}: ${words.charAt(0).toLowerCase()}${words.slice(1)}${words.endsWith(".") ? "" : "."}`;
}

const STATE_WORDS: Record<UpdateLinkState, string> = {
  active: "Active",
  expired: "Expired",
  revoked: "Revoked",
  answered: "Used: everything it covers was answered",
};

/**
 * A link's state in words, with when it was revoked.
 *
 * @example
 * linkStateWords({ state: "revoked", revokedAt: "2026-12-02T10:12:00Z" }); // "Revoked 2 Dec 2026, 10:12"
 */
export function linkStateWords(link: Pick<UpdateLinkSummary, "state" | "revokedAt">): string {
  return link.state === "revoked" && link.revokedAt ? `${STATE_WORDS.revoked} ${formatDateTime(link.revokedAt)}` : STATE_WORDS[link.state];
}

/**
 * When a link was issued and when it stops working (or stopped).
 *
 * @example
 * linkDatesWords({ issuedAt: "2026-11-02T10:12:00Z", expiresAt: "2026-12-02T10:12:00Z", state: "active" }); // "Issued 2 Nov 2026, 10:12. Expires 2 Dec 2026, 10:12."
 */
export function linkDatesWords(link: Pick<UpdateLinkSummary, "issuedAt" | "expiresAt" | "state">): string {
  return `Issued ${formatDateTime(link.issuedAt)}. ${link.state === "expired" ? "Expired" : "Expires"} ${formatDateTime(link.expiresAt)}.`;
}

/**
 * What a link covers, by KPI title where the page knows it.
 *
 * @example
 * linkCoversWords([{ kpiId: "k1", period: "2026-10" }], new Map([["k1", "Bins collected"]]), periodLabel); // "Covers Bins collected, October 2026"
 */
export function linkCoversWords(items: UpdateLinkSummary["items"], titles: ReadonlyMap<string, string>, period: (period: string) => string): string {
  if (items.length === 0) return "Covers nothing owed now";
  return `Covers ${items.map((i) => `${titles.get(i.kpiId) ?? "a KPI no longer on the contract"}, ${period(i.period)}`).join("; ")}`;
}

/** The confirmation's words before a link is revoked. */
export function revokeConfirmWords(link: Pick<UpdateLinkSummary, "contactName" | "address">): string {
  return `The link for ${link.contactName} at ${link.address} stops working at once: it then opens a page saying it does not work any more. Updates already sent through it stay. A later prompt by e-mail brings them a new link.`;
}
