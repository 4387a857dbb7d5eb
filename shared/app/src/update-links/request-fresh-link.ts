// A fresh link for the holder of an expired one, sent to the same address, once per link.
import { isAnswerable, type ContractRecord, type SupplierContact, type UpdateLinkRecord } from "@toms/domain";
import { isStorageError, type Versioned } from "@toms/storage";
import type { AppDeps } from "../deps.js";
import { issueUpdateLink, type IssuedUpdateLink } from "./issue-update-link.js";
import { itemsNow, readLink } from "./link-access.js";

/** What the mail of a fresh link needs: the new link, the contact it goes to, and the contract. */
export interface FreshLink extends IssuedUpdateLink {
  contact: SupplierContact;
  contract: Pick<ContractRecord, "id" | "reference" | "title">;
}

/**
 * Sends a fresh link (the bot's freshLinkSender, closed over the mail transport, retrying a busy
 * server itself). Resolves once the mail was taken; throws when it was not, its message saying why
 * in words (never the link). Throws FreshLinkOutcomeUnknown when the mail may have arrived all the same.
 */
export type SendFreshLink = (fresh: FreshLink) => Promise<void>;

/**
 * What a SendFreshLink throws when the mail server stopped answering once the mail may have left
 * (MAIL_OUTCOME_UNKNOWN): the old link stays renewed, so its holder is never sent two.
 */
export class FreshLinkOutcomeUnknown extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FreshLinkOutcomeUnknown";
  }
}

/** Why no fresh link was sent, for the log only: the holder is told the same whatever happened. */
export type FreshLinkRefusal = "not-expired" | "not-a-link" | "revoked" | "contact-changed" | "renewed-already" | "nothing-owed";

/** What came of a request, for the log only (never the token). */
export type FreshLinkOutcome =
  | { sent: true; linkId: string }
  | { sent: false; reason: FreshLinkRefusal }
  /**
   * The new link could not be issued, or its mail was not sent: the old link's renewal is undone
   * (`askAgain`), so its holder can ask again; `why` says what failed, in words, and `undo` why
   * the renewal could not be taken back, if it could not.
   */
  | { sent: false; reason: "not-issued" | "not-sent"; why: string; askAgain: boolean; undo?: string }
  /** The mail may have arrived (the server stopped answering): the renewal is kept, and nothing is sent again. */
  | { sent: false; reason: "outcome-unknown"; linkId: string; why: string };

const wordsOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * For a real link that expired (not revoked, its contact still there at the same address, and
 * something still owed), and only once per link: marks the old link renewed under its ETag (so two
 * requests at once send one link), issues a new one covering what is owed now, and calls `send`.
 * Everything else sends nothing. When the new link cannot be issued, or `send` throws (other than
 * FreshLinkOutcomeUnknown), the renewal is taken back under the ETag, so the holder may ask again.
 * The caller answers the holder the same whatever the result.
 *
 * @example
 * const fresh = await requestFreshLink(deps, token, freshLinkSender({ transport, from }, deps.council));
 * log.info({ ...fresh }, "a new update link was asked for");
 */
export async function requestFreshLink(deps: AppDeps, token: string, send: SendFreshLink): Promise<FreshLinkOutcome> {
  const read = await readLink(deps, token);
  const { link, contact, contract, problem } = read;
  if (!link) return { sent: false, reason: "not-a-link" };
  if (problem === "revoked") return { sent: false, reason: "revoked" };
  if (problem !== "expired" || !contact || !contract) return { sent: false, reason: problem === undefined ? "not-expired" : "contact-changed" };
  if (link.renewedAt) return { sent: false, reason: "renewed-already" };
  const items = await itemsNow(deps, contract, link);
  if (!items.some((i) => isAnswerable(i.state))) return { sent: false, reason: "nothing-owed" };
  const { etag, ...record } = link;
  const renewedAt = deps.now().toISOString();
  let claimed: string;
  try {
    claimed = await deps.storage.updateLinks.replace({ ...record, renewedAt }, etag);
  } catch (error) {
    if (isStorageError(error, "precondition-failed")) return { sent: false, reason: "renewed-already" };
    throw error;
  }
  const claim = { ...record, renewedAt, etag: claimed };
  let issued: IssuedUpdateLink;
  try {
    const outcome = await issueUpdateLink(deps, { contractId: contract.id, contactId: contact.id, ...(link.dispatchId ? { dispatchId: link.dispatchId } : {}) });
    if (!outcome.ok) return { sent: false, reason: "not-issued", why: outcome.message, ...(await undoRenewal(deps, claim)) };
    issued = outcome.value;
  } catch (error) {
    return { sent: false, reason: "not-issued", why: `the new link could not be stored: ${wordsOf(error)}`, ...(await undoRenewal(deps, claim)) };
  }
  try {
    await send({ ...issued, contact, contract: { id: contract.id, reference: contract.reference, title: contract.title } });
  } catch (error) {
    if (error instanceof FreshLinkOutcomeUnknown) return { sent: false, reason: "outcome-unknown", linkId: issued.record.id, why: error.message };
    return { sent: false, reason: "not-sent", why: wordsOf(error), ...(await undoRenewal(deps, claim)) };
  }
  return { sent: true, linkId: issued.record.id };
}

/**
 * Takes back this request's renewal (removes `renewedAt`) under the ETag, reading the link again
 * if it changed meanwhile (revoked, say); a renewal that is not this one's any more is left alone.
 * `askAgain` says whether the holder can now ask again; `why` is added when the undo failed.
 */
async function undoRenewal(deps: AppDeps, claim: Versioned<UpdateLinkRecord>): Promise<{ askAgain: boolean; undo?: string }> {
  let current: Versioned<UpdateLinkRecord> | undefined = claim;
  try {
    for (let attempt = 0; attempt < 3 && current; attempt++) {
      if (current.renewedAt !== claim.renewedAt) return { askAgain: !current.renewedAt };
      const { etag, renewedAt: _renewed, ...record }: Versioned<UpdateLinkRecord> = current;
      try {
        await deps.storage.updateLinks.replace(record, etag);
        return { askAgain: true };
      } catch (error) {
        if (!isStorageError(error, "precondition-failed")) throw error;
        current = await deps.storage.updateLinks.get(claim.contractId, claim.id);
      }
    }
    return current ? { askAgain: false, undo: "the link kept changing while its renewal was taken back" } : { askAgain: false, undo: "the link is no longer stored" };
  } catch (error) {
    return { askAgain: false, undo: `its renewal could not be taken back, so it cannot be renewed again: ${wordsOf(error)}` };
  }
}
