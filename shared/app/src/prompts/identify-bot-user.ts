// Who a chat user is (docs/bot.md, "Identity"): a supplier's contact, a contract manager, or nobody yet.
import { ukDate, type Principal, type SupplierContact } from "@toms/domain";
import type { AppDeps } from "../deps.js";

export interface BotUserRequest {
  tenantId: string;
  /** activity.from.aadObjectId. */
  userId: string;
  name?: string;
  /** When Teams gives one (not always). */
  email?: string;
}

export type BotUser =
  | { as: "supplier-contact"; principal: Principal; supplierId: string; contactId: string }
  | { as: "manager"; principal: Principal }
  | { as: "unknown" };

/**
 * Matches a chat user: a supplier's contact by their Entra object id, else by e-mail when one is
 * given (one supplier only: an e-mail that several suppliers list matches nobody, rather than a
 * guess), linking that contact to the user; else a contract manager (any contract they manage);
 * else unknown.
 *
 * @example
 * const user = await identifyBotUser(deps, { tenantId, userId: activity.from.aadObjectId, name: activity.from.name });
 * if (user.as === "unknown") reply(`Ask ${deps.council.email} to add you.`);
 */
export async function identifyBotUser(deps: AppDeps, request: BotUserRequest): Promise<BotUser> {
  const name = request.name ?? "";
  const contact = async (supplierId: string, match: (c: SupplierContact) => boolean): Promise<BotUser | undefined> => {
    const found = (await deps.storage.suppliers.listContacts(supplierId)).find(match);
    return found ? { as: "supplier-contact", principal: { userId: request.userId, name: name || found.name, roles: ["supplier"], supplierId }, supplierId, contactId: found.id } : undefined;
  };
  const supplierId = await deps.storage.suppliers.supplierForIdentity(request.userId);
  if (supplierId) {
    const matched = await contact(supplierId, (c) => c.aadObjectId === request.userId);
    if (matched) return matched;
  }
  if (request.email) {
    const claims = await deps.storage.conversations.contactsByEmail(request.email);
    const [claim] = claims;
    if (claim && new Set(claims.map((c) => c.supplierId)).size === 1) {
      // A contact known by e-mail alone is linked to this user, so prompts and the tab find them;
      // one already linked to someone else is theirs, not this user's.
      const linked = await deps.storage.suppliers.linkContactIdentity(claim.supplierId, claim.contactId, request.userId);
      const matched = linked ? await contact(claim.supplierId, (c) => c.id === claim.contactId) : undefined;
      if (matched) return matched;
    }
  }
  const managed = await deps.storage.contracts.list({ managerId: request.userId, today: ukDate(deps.now()) }, 1);
  if (managed.items.length > 0) return { as: "manager", principal: { userId: request.userId, name: name || (managed.items[0]?.managerName ?? ""), roles: ["contract-manager"] } };
  return { as: "unknown" };
}
