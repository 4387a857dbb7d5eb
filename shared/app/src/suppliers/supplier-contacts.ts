// A supplier's contacts as the tab shows them, and how prompts reach each (docs/suppliers.md).
import { contactRecipient, hasRole, promptChannel, ukDate, type Principal, type PromptChannel, type SupplierContact } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { forbidden, invalid, notFound, succeeded, type Outcome } from "../outcome.js";

/** How prompts reach a contact now: in their Teams chat, by e-mail, or not at all (promptChannel). */
export type ContactReach = PromptChannel | "none";

/**
 * A contact with whether the bot has a Teams chat with them, and how prompts reach them now: the
 * domain's promptChannel, with that chat and whether this service sends e-mail (`deps.mail`).
 */
export type ContactView = SupplierContact & { teamsChat: boolean; reach: ContactReach };

/** What a contact's channel may be set to: one of the channels, or automatic (none chosen). */
export type ContactChannelChoice = PromptChannel | "automatic";

async function viewOf(deps: AppDeps, contact: SupplierContact): Promise<ContactView> {
  const teamsChat = contact.aadObjectId ? await deps.storage.conversations.hasChat(contact.aadObjectId) : false;
  return { ...contact, teamsChat, reach: promptChannel(contactRecipient(contact), teamsChat, deps.mail?.on === true) ?? "none" };
}

/** Admins, and a contract manager who manages a current contract of the supplier. */
async function mayChooseChannel(deps: AppDeps, caller: Principal, supplierId: string): Promise<boolean> {
  if (hasRole(caller, "admin")) return true;
  if (!hasRole(caller, "contract-manager")) return false;
  const managed = await deps.storage.contracts.list({ supplierId, managerId: caller.userId, status: "active", today: ukDate(deps.now()) }, 1);
  return managed.items.length > 0;
}

/**
 * The supplier's contacts, each with `teamsChat` (whether the bot has a chat with them) and `reach`
 * (how prompts reach them now: "teams", "email", or "none" when their channel cannot reach them,
 * e.g. e-mail is not set up and they have no Teams chat). Who may read them is the route's rule
 * (the supplier register's readers).
 *
 * @example
 * const outcome = await listSupplierContacts(deps, supplierId);
 * if (outcome.ok) outcome.value.map((c) => `${c.name}: ${c.reach}`); // ["Ana Byrne: email"]
 */
export async function listSupplierContacts(deps: AppDeps, supplierId: string): Promise<Outcome<ContactView[]>> {
  const supplier = await deps.storage.suppliers.get(supplierId);
  if (!supplier) return notFound("The supplier");
  const contacts = await deps.storage.suppliers.listContacts(supplierId);
  return succeeded(await Promise.all(contacts.map((c) => viewOf(deps, c))));
}

/**
 * Chooses how prompts reach a supplier's contact: "teams", "email", or "automatic" (Teams when the
 * bot has a chat with them, else e-mail). For admins, and for a contract manager of a current
 * contract with that supplier. A prompt already sent is not sent again by the other channel: the
 * dispatch key names the contact, not the channel.
 *
 * @example
 * const outcome = await setContactChannel(deps, manager, supplierId, contactId, "email");
 * if (outcome.ok) console.log(outcome.value.channel); // "email"
 */
export async function setContactChannel(deps: AppDeps, caller: Principal, supplierId: string, contactId: string, channel: ContactChannelChoice): Promise<Outcome<ContactView>> {
  if (channel !== "teams" && channel !== "email" && channel !== "automatic") return invalid([{ field: "channel", message: 'must be "teams", "email" or "automatic"' }], "The contact's channel");
  if (!hasRole(caller, "admin", "contract-manager")) return forbidden("Only procurement officers (admin) and the supplier's contract managers can choose how a contact is asked.");
  const supplier = await deps.storage.suppliers.get(supplierId);
  if (!supplier) return notFound("The supplier");
  if (!(await mayChooseChannel(deps, caller, supplierId))) return forbidden("Only procurement officers (admin) and the manager of a current contract with this supplier can choose how its contacts are asked.");
  const contact = await deps.storage.suppliers.setContactChannel(supplierId, contactId, channel === "automatic" ? undefined : channel);
  if (!contact) return notFound("The contact");
  return succeeded(await viewOf(deps, contact));
}
