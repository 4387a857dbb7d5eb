// Updates sent through a signed link: checked like the card's, all before any is recorded, then
// each recorded by recordUpdate as the link's contact, once per form shown.
import { isAnswerable, readCardUpdate, type FieldError, type KpiUpdate, type KpiUpdateInput, type Principal, type SupplierContact, type UpdateLinkRecord } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { recordUpdate, updateIdFor } from "../delivery/record-update.js";
import { conflict, invalid, succeeded, type Failure, type Outcome } from "../outcome.js";
import { contractDelivery, itemsNow, linkNotValid, usableLink } from "./link-access.js";

/** One answer as the page posts it: the item, and the value, note and evidence link as typed. */
export interface LinkEntry {
  kpiId: string;
  period: string;
  value: unknown;
  note?: unknown;
  evidenceUrl?: unknown;
}

/** What was recorded (or found recorded already, for a form sent twice). */
export interface LinkSubmission {
  updates: KpiUpdate[];
  /** Every entry had been recorded already under this form's key: nothing new was stored. */
  replayed: boolean;
}

/**
 * The contact as the principal their updates are recorded under: their Entra id if they have one, else their contact id.
 *
 * @example
 * linkPrincipal(link, contact); // { userId: "contact:3f…", name: "Ana Byrne", roles: ["supplier"], supplierId: "s-1" }
 */
export function linkPrincipal(link: UpdateLinkRecord, contact: SupplierContact): Principal {
  return { userId: contact.aadObjectId ?? `contact:${contact.id}`, name: contact.name, roles: ["supplier"], supplierId: link.supplierId };
}

/**
 * The key of one entry of one rendered form: the same form sent twice records each entry once.
 *
 * @example
 * linkIdempotencyKey("Jc2…", { kpiId: "k-1", period: "2026-03" }); // "link:Jc2…:k-1:2026-03"
 */
export function linkIdempotencyKey(formKey: string, entry: { kpiId: string; period: string }): string {
  return `link:${formKey}:${entry.kpiId}:${entry.period}`;
}

/**
 * Records the entries through recordUpdate (the card's and the tab's use case) as the link's
 * contact, so they wait for the contract manager's review. Every entry is checked first (a value
 * written as a number, an https evidence link, a note of at most 2,000 characters; fields named
 * `entries.<index>.<field>`), and none is recorded if any is wrong. An item the link does not
 * cover is not found, in the link's one text. An item already sent or accepted is refused unless
 * this same form recorded it (a second press of the button answers the first's updates).
 *
 * @example
 * const sent = await submitLinkUpdates(deps, token, [{ kpiId, period: "2026-03", value: "97.5" }], formKey);
 * if (sent.ok) showThanks(sent.value.updates);
 */
export async function submitLinkUpdates(deps: AppDeps, token: string, entries: readonly LinkEntry[], formKey: string): Promise<Outcome<LinkSubmission>> {
  const usable = await usableLink(deps, token);
  if (!usable.ok) return usable;
  const { link, contact, contract } = usable;
  if (!/^[A-Za-z0-9_-]{8,100}$/.test(formKey)) return invalid([{ field: "formKey", message: "is missing or altered: open the link again and send the form shown" }], "The form");
  const covered = (e: { kpiId: string; period: string }) => link.items.some((i) => i.kpiId === e.kpiId && i.period === e.period);
  if (entries.some((e) => !covered(e))) {
    deps.updateLinks?.refused?.("item-not-covered", { contractId: link.contractId, linkId: link.id });
    return linkNotValid();
  }
  if (entries.length === 0) return invalid([{ field: "entries.0.value", message: "is required: write the value of at least one update" }], "The form");
  const errors: FieldError[] = [];
  const inputs: KpiUpdateInput[] = [];
  entries.forEach((entry, index) => {
    const read = readCardUpdate(entry.period, { value: entry.value, note: entry.note, evidenceUrl: entry.evidenceUrl });
    if (read.ok) inputs.push(read.input);
    else errors.push(...read.errors.map((e) => ({ field: `entries.${index}.${e.field}`, message: e.message })));
  });
  if (errors.length > 0) return invalid(errors, "The form");
  const principal = linkPrincipal(link, contact);
  const [items, { records }] = await Promise.all([itemsNow(deps, contract, link), contractDelivery(deps, contract)]);
  const recordedBefore = (entry: LinkEntry) => records.updates.some((u) => u.id === updateIdFor(contract.id, principal.userId, linkIdempotencyKey(formKey, entry)));
  const closed = entries.filter((e) => !recordedBefore(e) && !isAnswerable(items.find((i) => i.kpiId === e.kpiId && i.period === e.period)?.state ?? "accepted"));
  if (closed.length > 0) return nothingOwed(items.filter((i) => closed.some((c) => c.kpiId === i.kpiId && c.period === i.period)).map((i) => `${i.title} (${i.periodLabel})`));
  const updates: KpiUpdate[] = [];
  let replayed = true;
  for (const [index, entry] of entries.entries()) {
    const input = inputs[index] as KpiUpdateInput;
    const recorded = await recordUpdate(deps, principal, { contractId: contract.id, kpiId: entry.kpiId, idempotencyKey: linkIdempotencyKey(formKey, entry), input });
    if (!recorded.ok) return recorded.kind === "unprocessable" || recorded.kind === "invalid" ? { ...recorded, errors: (recorded.errors ?? []).map((e) => ({ ...e, field: `entries.${index}.${e.field}` })) } : recorded;
    updates.push(recorded.value.update);
    replayed &&= recorded.value.replayed;
  }
  return succeeded({ updates, replayed });
}

function nothingOwed(what: string[]): Failure {
  return conflict(`${what.join(", ")} ${what.length === 1 ? "has" : "have"} been sent already and ${what.length === 1 ? "waits" : "wait"} for the contract manager's review, or ${what.length === 1 ? "is" : "are"} accepted: nothing more is owed through this link.`);
}
