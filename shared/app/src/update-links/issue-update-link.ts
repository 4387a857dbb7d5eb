// A new signed update link for one contact of a contract's supplier, covering what the supplier owes now.
import { supplierOwedItems, type UpdateLinkRecord } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { notFound, succeeded, unprocessable, type Outcome } from "../outcome.js";
import { contractDelivery, linkAddress, linkSettings, newUpdateToken, updateTokenHash } from "./link-access.js";

export interface IssueUpdateLinkRequest {
  contractId: string;
  contactId: string;
  /** The prompt's dispatch whose mail carries the link. */
  dispatchId?: string;
  /** Days the link works; deps.updateLinks.days unless given. */
  days?: number;
}

/** A link just issued: its token (never stored), its address, and the record stored. */
export interface IssuedUpdateLink {
  token: string;
  /** Absolute: `${publicUrl}/update/${token}`. */
  link: string;
  record: UpdateLinkRecord;
}

/**
 * Issues a link for the contact that covers every period the contract's supplier owes now (late,
 * due, ended and not yet due, or rejected and so asked for a correction), bound to the contact's
 * current e-mail address. It is stored (by its token's hash) before it is returned. A contract or
 * contact that is not there is not found; nothing owed is unprocessable (there is nothing to link to).
 *
 * @example
 * const issued = await issueUpdateLink(deps, { contractId, contactId, dispatchId: record.id });
 * if (issued.ok) mail(contact.email, issued.value.link, issued.value.record.expiresAt);
 */
export async function issueUpdateLink(deps: AppDeps, request: IssueUpdateLinkRequest): Promise<Outcome<IssuedUpdateLink>> {
  const settings = linkSettings(deps);
  const days = request.days ?? settings.days;
  if (!Number.isInteger(days) || days < 1 || days > 365) return unprocessable([{ field: "days", message: `must be a whole number of days from 1 to 365; it is ${days}` }], "The update link");
  const contract = await deps.storage.contracts.get(request.contractId);
  if (!contract) return notFound("The contract");
  const contact = (await deps.storage.suppliers.listContacts(contract.supplierId)).find((c) => c.id === request.contactId);
  if (!contact) return notFound("The supplier's contact");
  const { digest, today } = await contractDelivery(deps, contract);
  const items = supplierOwedItems(contract, digest, today, deps.delivery.dueDays);
  if (items.length === 0) return unprocessable([{ field: "contractId", message: `owes no update from its supplier just now, so there is nothing for a link to cover` }], "The update link");
  const token = newUpdateToken();
  const now = deps.now();
  const record: UpdateLinkRecord = {
    id: deps.newId(),
    tokenHash: updateTokenHash(token),
    contractId: contract.id,
    supplierId: contract.supplierId,
    contactId: contact.id,
    address: contact.email,
    items,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + days * 86_400_000).toISOString(),
    ...(request.dispatchId ? { dispatchId: request.dispatchId } : {}),
  };
  const { etag: _etag, ...stored } = await deps.storage.updateLinks.create(record);
  return succeeded({ token, link: linkAddress(settings, token), record: stored });
}
