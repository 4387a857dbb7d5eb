// How a prompt reaches its recipient (docs/suppliers.md): their Teams chat with the bot, or an
// e-mail with a signed link. The dispatch key does not name the channel, so a prompt is sent once
// whichever way it goes.
import type { PromptChannel, PromptRecipient } from "./model.js";

/**
 * The Entra object id a recipient's Teams chat is found by: a manager's userId, a contact's
 * aadObjectId (a contact known only by e-mail has none). A contact on a row stored before contacts
 * were keyed "contact:<id>" was named by their Entra object id.
 */
export function teamsUserOf(recipient: PromptRecipient): string | undefined {
  if (recipient.as === "manager") return recipient.userId;
  return recipient.aadObjectId ?? (recipient.userId.startsWith("contact:") ? undefined : recipient.userId);
}

/**
 * The channel a prompt goes by now, or undefined when it cannot reach them yet. A channel chosen
 * for the contact wins: Teams needs their chat with the bot, e-mail needs mail set up and their
 * address. Otherwise Teams when the bot has a chat with them, else e-mail when it can be sent.
 * Managers are asked in Teams only (they are the council's own staff).
 */
export function promptChannel(recipient: PromptRecipient, hasTeamsChat: boolean, mailOn: boolean): PromptChannel | undefined {
  const teams = hasTeamsChat ? "teams" : undefined;
  const email = mailOn && recipient.as === "supplier-contact" && recipient.email ? "email" : undefined;
  if (recipient.as === "manager") return teams;
  if (recipient.channel === "teams") return teams;
  if (recipient.channel === "email") return email;
  return teams ?? email;
}
