// What a signed update link opens: the contract, and each item it covers as it stands now.
import { isAnswerable, type LinkItemView } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { succeeded, type Outcome } from "../outcome.js";
import { itemsNow, usableLink } from "./link-access.js";

/** Everything the link's page shows. */
export interface UpdateLinkView {
  contract: { id: string; reference: string; title: string };
  supplierName: string;
  council: { name: string; email?: string };
  contactName: string;
  expiresAt: string;
  items: LinkItemView[];
  /** False once every item is sent or accepted: the page then says nothing more is owed. */
  answerable: boolean;
}

/**
 * The page behind a link: the contract, the supplier, the contact, and each item it covers with
 * its KPI or commitment, unit, target, last value, due date and state now. Any link that does not
 * work (unknown, altered, expired, revoked, contact removed or moved to another address) is not
 * found, always in the one text UPDATE_LINK_NOT_VALID.
 *
 * @example
 * const opened = await openUpdateLink(deps, token);
 * if (!opened.ok) return page404();
 */
export async function openUpdateLink(deps: AppDeps, token: string): Promise<Outcome<UpdateLinkView>> {
  const usable = await usableLink(deps, token);
  if (!usable.ok) return usable;
  const { link, contact, contract } = usable;
  const [items, supplier] = await Promise.all([itemsNow(deps, contract, link), deps.storage.suppliers.get(link.supplierId)]);
  return succeeded({
    contract: { id: contract.id, reference: contract.reference, title: contract.title },
    supplierName: supplier?.name ?? "",
    council: { name: deps.council.name, ...(deps.council.email ? { email: deps.council.email } : {}) },
    contactName: contact.name,
    expiresAt: link.expiresAt,
    items,
    answerable: items.some((i) => isAnswerable(i.state)),
  });
}
