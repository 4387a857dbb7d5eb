// A contract's update links for its manager and procurement officers: the list (never a token or
// its hash), and revoking one.
import { linkItemViews, updateLinkState, type LinkItemState, type Principal, type UpdateLinkItem, type UpdateLinkState } from "@toms/domain";
import { isStorageError } from "@toms/storage";
import type { AppDeps } from "../deps.js";
import { managedContract } from "../delivery/delivery-access.js";
import { conflict, notFound, succeeded, type Outcome } from "../outcome.js";
import { contractDelivery } from "./link-access.js";

/** A link as the tab lists it. */
export interface UpdateLinkSummary {
  id: string;
  contactId: string;
  contactName: string;
  address: string;
  issuedAt: string;
  expiresAt: string;
  revokedAt?: string;
  revokedBy?: string;
  renewedAt?: string;
  dispatchId?: string;
  state: UpdateLinkState;
  items: UpdateLinkItem[];
}

/**
 * The contract's links, newest first, with each one's state now (active, expired, revoked, or
 * answered when nothing it covers is owed any more). For procurement officers and the contract's
 * manager; a contract the caller cannot see is not found.
 *
 * @example
 * const links = await listUpdateLinks(deps, caller, contractId);
 */
export async function listUpdateLinks(deps: AppDeps, caller: Principal, contractId: string): Promise<Outcome<UpdateLinkSummary[]>> {
  const managed = await managedContract(deps, caller, contractId, "see the contract's update links");
  if (!managed.ok) return managed;
  const { contract } = managed;
  const [links, contacts, delivery] = await Promise.all([deps.storage.updateLinks.ofContract(contract.id), deps.storage.suppliers.listContacts(contract.supplierId), contractDelivery(deps, contract)]);
  const now = deps.now();
  return succeeded(
    links.map(({ etag: _etag, tokenHash: _hash, ...link }): UpdateLinkSummary => {
      const states: LinkItemState[] = linkItemViews(link.items, delivery.records, delivery.today, deps.delivery.dueDays).map((i) => i.state);
      return { ...link, contactName: contacts.find((c) => c.id === link.contactId)?.name ?? "(contact removed)", state: updateLinkState({ ...link, tokenHash: "" }, states, now) };
    }),
  );
}

/**
 * Revokes a link of the contract: it stops working at once (its holder then sees the page every
 * link that does not work shows). Revoking one revoked already answers it as it is. For
 * procurement officers and the contract's manager.
 *
 * @example
 * const revoked = await revokeUpdateLink(deps, caller, contractId, linkId);
 */
export async function revokeUpdateLink(deps: AppDeps, caller: Principal, contractId: string, linkId: string): Promise<Outcome<UpdateLinkSummary>> {
  const managed = await managedContract(deps, caller, contractId, "revoke the contract's update links");
  if (!managed.ok) return managed;
  for (let attempt = 0; attempt < 3; attempt++) {
    const link = await deps.storage.updateLinks.get(contractId, linkId);
    if (!link) return notFound("The update link");
    if (!link.revokedAt) {
      const { etag, ...record } = link;
      try {
        await deps.storage.updateLinks.replace({ ...record, revokedAt: deps.now().toISOString(), revokedBy: caller.userId }, etag);
      } catch (error) {
        // Renewed at that moment: read it again and revoke what is there now.
        if (isStorageError(error, "precondition-failed")) continue;
        throw error;
      }
    }
    const listed = await listUpdateLinks(deps, caller, contractId);
    if (!listed.ok) return listed;
    const shown = listed.value.find((l) => l.id === linkId);
    return shown ? succeeded(shown) : notFound("The update link");
  }
  return conflict("The update link kept changing while it was being revoked. Try again.");
}
