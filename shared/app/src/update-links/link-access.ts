// What every update-link use case starts from: the link a token names, checked against the contact
// as stored now, and the contract's delivery records to work out what it still covers.
import { createHash, randomBytes } from "node:crypto";
import { deliveryDigest, linkItemViews, summarise, ukDate, updateLinkProblem, type ContractRecord, type LinkItemView, type SupplierContact, type UpdateLinkProblem, type UpdateLinkRecord } from "@toms/domain";
import type { Versioned } from "@toms/storage";
import type { AppDeps, UpdateLinkSettings } from "../deps.js";
import { deliveryRecords } from "../delivery/delivery-records.js";
import type { Failure } from "../outcome.js";

/** The one text every link that does not work reads, whatever the reason: it tells a guesser nothing. */
export const UPDATE_LINK_NOT_VALID = "This link does not work any more. It may have expired, been replaced, or been copied wrongly.";

/** A link that does not work: not found, in the one text. */
export function linkNotValid(): Failure {
  return { ok: false, kind: "not-found", message: UPDATE_LINK_NOT_VALID };
}

/**
 * The stored name of a token: its SHA-256 hash in hex, so the table never holds a working link.
 *
 * @example
 * const link = await deps.storage.updateLinks.byTokenHash(updateTokenHash(token));
 */
export function updateTokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A new token: 32 random bytes, base64url (43 characters). */
export function newUpdateToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The settings links need; a service that did not set them cannot issue a link (a bug of its wiring). */
export function linkSettings(deps: AppDeps): UpdateLinkSettings {
  if (!deps.updateLinks) throw new Error("Bug: update links need deps.updateLinks (the public URL and the days a link works).");
  return deps.updateLinks;
}

/** A link as its holder reaches it. */
export function linkAddress(settings: UpdateLinkSettings, token: string): string {
  return `${settings.publicUrl.replace(/\/+$/, "")}/update/${token}`;
}

/** The link a token names and why it does not work now (undefined: it works), with its contact and contract when they exist. */
export async function readLink(deps: AppDeps, token: string): Promise<{ link?: Versioned<UpdateLinkRecord>; contact?: SupplierContact; contract?: Versioned<ContractRecord>; problem?: UpdateLinkProblem }> {
  // A token is 43 base64url characters; anything else cannot be one, and is not looked up.
  const link = /^[A-Za-z0-9_-]{43}$/.test(token) ? await deps.storage.updateLinks.byTokenHash(updateTokenHash(token)) : undefined;
  if (!link) return { problem: "unknown" };
  const [contacts, contract] = await Promise.all([deps.storage.suppliers.listContacts(link.supplierId), deps.storage.contracts.get(link.contractId)]);
  const contact = contacts.find((c) => c.id === link.contactId);
  // A contract moved to another supplier since: the contact no longer reports on it. Checked before
  // expiry, so an expired link of a moved contract is refused as that (and never renewed).
  const moved = !contract || contract.supplierId !== link.supplierId;
  const found = updateLinkProblem(link, contact, deps.now());
  const problem = (found === undefined || found === "expired") && moved ? "contact-removed" : found;
  return { link, ...(contact ? { contact } : {}), ...(contract ? { contract } : {}), ...(problem ? { problem } : {}) };
}

/** The link when it works now; otherwise the one refusal (the reason goes to the log only). */
export async function usableLink(deps: AppDeps, token: string): Promise<{ ok: true; link: Versioned<UpdateLinkRecord>; contact: SupplierContact; contract: Versioned<ContractRecord> } | Failure> {
  const read = await readLink(deps, token);
  if (read.problem || !read.link || !read.contact || !read.contract) {
    deps.updateLinks?.refused?.(read.problem ?? "unknown", read.link ? { contractId: read.link.contractId, linkId: read.link.id } : {});
    return linkNotValid();
  }
  return { ok: true, link: read.link, contact: read.contact, contract: read.contract };
}

/** The contract's delivery records now, and its digest worked out from them (never a stale copy). */
export async function contractDelivery(deps: AppDeps, contract: ContractRecord) {
  const records = await deliveryRecords(deps, contract, await deps.storage.delivery.read(contract.id));
  const summary = summarise(records, 0, deps.now().toISOString());
  return { records, digest: deliveryDigest(summary), today: ukDate(deps.now()) };
}

/** How each item of the link stands now. */
export async function itemsNow(deps: AppDeps, contract: ContractRecord, link: UpdateLinkRecord): Promise<LinkItemView[]> {
  const { records, today } = await contractDelivery(deps, contract);
  return linkItemViews(link.items, records, today, deps.delivery.dueDays);
}
