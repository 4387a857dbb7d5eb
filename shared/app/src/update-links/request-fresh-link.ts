// A fresh link for the holder of an expired one, sent to the same address, once per link.
import { isAnswerable, type ContractRecord, type SupplierContact } from "@toms/domain";
import { isStorageError } from "@toms/storage";
import type { AppDeps } from "../deps.js";
import { issueUpdateLink, type IssuedUpdateLink } from "./issue-update-link.js";
import { itemsNow, readLink } from "./link-access.js";

/** What the mail of a fresh link needs: the new link, the contact it goes to, and the contract. */
export interface FreshLink extends IssuedUpdateLink {
  contact: SupplierContact;
  contract: Pick<ContractRecord, "id" | "reference" | "title">;
}

/** Sends a fresh link (C's sendFreshLinkMail, closed over the mail transport). */
export type SendFreshLink = (fresh: FreshLink) => Promise<void>;

/** Why no fresh link was sent, for the log only: the holder is told the same whatever happened. */
export type FreshLinkRefusal = "not-expired" | "not-a-link" | "revoked" | "contact-changed" | "renewed-already" | "nothing-owed";

/**
 * For a real link that expired (not revoked, its contact still there at the same address, and
 * something still owed), and only once per link: marks the old link renewed under its ETag (so two
 * requests at once send one link), issues a new one covering what is owed now, and calls `send`.
 * Everything else sends nothing. The caller answers the holder the same whatever the result.
 *
 * @example
 * const fresh = await requestFreshLink(deps, token, (link) => sendFreshLinkMail(mail, link));
 * log.info({ sent: fresh.sent, reason: fresh.reason }, "a fresh update link was asked for");
 */
export async function requestFreshLink(deps: AppDeps, token: string, send: SendFreshLink): Promise<{ sent: true; linkId: string } | { sent: false; reason: FreshLinkRefusal }> {
  const read = await readLink(deps, token);
  const { link, contact, contract, problem } = read;
  if (!link) return { sent: false, reason: "not-a-link" };
  if (problem === "revoked") return { sent: false, reason: "revoked" };
  if (problem !== "expired" || !contact || !contract) return { sent: false, reason: problem === undefined ? "not-expired" : "contact-changed" };
  if (link.renewedAt) return { sent: false, reason: "renewed-already" };
  const items = await itemsNow(deps, contract, link);
  if (!items.some((i) => isAnswerable(i.state))) return { sent: false, reason: "nothing-owed" };
  const { etag, ...record } = link;
  try {
    await deps.storage.updateLinks.replace({ ...record, renewedAt: deps.now().toISOString() }, etag);
  } catch (error) {
    if (isStorageError(error, "precondition-failed")) return { sent: false, reason: "renewed-already" };
    throw error;
  }
  const issued = await issueUpdateLink(deps, { contractId: contract.id, contactId: contact.id, ...(link.dispatchId ? { dispatchId: link.dispatchId } : {}) });
  if (!issued.ok) return { sent: false, reason: "nothing-owed" };
  await send({ ...issued.value, contact, contract: { id: contract.id, reference: contract.reference, title: contract.title } });
  return { sent: true, linkId: issued.value.record.id };
}
