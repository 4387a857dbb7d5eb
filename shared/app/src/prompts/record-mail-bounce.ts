// A prompt's e-mail came back undelivered (a bounce, RFC 3464): recorded on its dispatch, so the
// Overdue view says which address failed (docs/suppliers.md, "Bounces").
import { channelOf, type DispatchRecord } from "@toms/domain";
import { isStorageError } from "@toms/storage";
import type { AppDeps } from "../deps.js";
import { notFound, succeeded, unprocessable, type Outcome } from "../outcome.js";

/** A delivery status notification as @toms/mail's readBounce reads it. */
export interface MailBounce {
  /** X-TOMs-Dispatch of the returned headers ("<contract id>/<dispatch id>"), else the dispatch id from the Message-ID. */
  dispatchId?: string;
  recipients: readonly { address: string; action: string; status: string; diagnostic?: string }[];
}

/** The X-TOMs-Dispatch header of a prompt's e-mail: its contract and dispatch, so a bounce finds its row with one read. */
export function dispatchHeaderOf(record: Pick<DispatchRecord, "id" | "prompt">): string {
  return `${record.prompt.contractId}/${record.id}`;
}

async function dispatchOf(deps: AppDeps, reference: string): Promise<(DispatchRecord & { etag: string }) | undefined> {
  const [contractId, dispatchId] = reference.includes("/") ? reference.split("/", 2) : [undefined, reference];
  if (!dispatchId) return undefined;
  if (contractId) return (await deps.storage.dispatches.ofContract(contractId)).find((d) => d.id === dispatchId);
  return deps.storage.dispatches.byId(dispatchId);
}

/**
 * Records a bounce on the prompt's dispatch: state failed, `bouncedAt`, and why in words naming the
 * address ("The e-mail to ana@example.com came back undelivered: 550 5.1.1 mailbox unknown"). Only
 * recipients the report says failed count (a delay is not a bounce), and of those only the
 * dispatch's own address, ignoring case: a report whose failed recipients are all others (a forward
 * or an alias expanded by a server further on) records nothing (recorded: 0, not an error, so a flow
 * that posts every report it sees is not stopped by one). A bounce marks the dispatch
 * `addressFailed`, so the Overdue view names the address. A bounce recorded before is not recorded
 * again (recorded: 0). Not a bounce of a prompt's e-mail: unprocessable; a dispatch not known, or
 * not an e-mail: not-found.
 *
 * @example
 * const bounce = await readBounce(raw);
 * const outcome = bounce ? await recordMailBounce(deps, bounce) : undefined;
 * if (outcome?.ok) console.log(outcome.value.recorded);
 */
export async function recordMailBounce(deps: AppDeps, bounce: MailBounce): Promise<Outcome<{ recorded: number }>> {
  const failed = bounce.recipients.filter((r) => r.action.toLowerCase() === "failed");
  if (!bounce.dispatchId) return unprocessable([{ field: "message", message: "is not a bounce of a prompt's e-mail: it names no X-TOMs-Dispatch header and no Message-ID the service sent" }], "The bounce");
  for (let attempt = 0; ; attempt++) {
    const record = await dispatchOf(deps, bounce.dispatchId);
    if (!record || channelOf(record) !== "email") return notFound(`The e-mail prompt ${bounce.dispatchId}`);
    if (failed.length === 0 || record.bouncedAt) return succeeded({ recorded: 0 });
    const address = record.address ?? failed[0]?.address ?? "";
    const reported = failed.find((r) => r.address.trim().toLowerCase() === address.trim().toLowerCase()) ?? (record.address ? undefined : failed[0]);
    // The report names only others (a forward or an alias expanded further on): not this address's failure.
    if (!reported) return succeeded({ recorded: 0 });
    const why = reported?.diagnostic?.trim() || (reported?.status ? `status ${reported.status}` : "no reason given");
    const at = deps.now().toISOString();
    const { etag, nextAttemptAt: _next, ...rest } = record;
    try {
      await deps.storage.dispatches.replace({ ...rest, state: "failed", bouncedAt: at, finishedAt: at, addressFailed: true, error: `The e-mail to ${address} came back undelivered: ${why}` }, etag);
      return succeeded({ recorded: 1 });
    } catch (error) {
      // The queue or a pass changed it meanwhile: read it again and record the bounce on that.
      if (attempt < 3 && isStorageError(error, "precondition-failed")) continue;
      throw error;
    }
  }
}
