// A dispatch's steps after its claim (docs/bot.md, "Exactly once"): each an ETag-guarded replace,
// so an instance that lost the row to another (a takeover after its lease) learns it and stops.
import { isStorageError } from "@toms/storage";
import type { DispatchRecord } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { stale, succeeded, type Outcome } from "../outcome.js";

/** The lease when none is given (TOMS_BOT_LEASE_SECONDS). */
export const DEFAULT_LEASE_SECONDS = 120;

const STALE = "Another instance of the service has taken this prompt over; this one leaves it.";

async function replaceDispatch(deps: AppDeps, record: DispatchRecord, next: DispatchRecord): Promise<Outcome<DispatchRecord & { etag: string }>> {
  if (!record.etag) throw new Error(`Bug: dispatch ${record.key} has no ETag: read it before changing it.`);
  try {
    const etag = await deps.storage.dispatches.replace(next, record.etag);
    return succeeded({ ...next, etag });
  } catch (error) {
    if (isStorageError(error, "precondition-failed")) return stale(STALE);
    throw error;
  }
}

const inSeconds = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000).toISOString();

/**
 * Writes `sending` before an attempt: attempts + 1, the lease renewed. Stale: another instance
 * took it over, so this one must not send.
 *
 * @example
 * const started = await startDispatchAttempt(deps, record);
 * if (started.ok) await seam.send(conversation, card(started.value));
 */
export async function startDispatchAttempt(deps: AppDeps, record: DispatchRecord, leaseSeconds: number = DEFAULT_LEASE_SECONDS): Promise<Outcome<DispatchRecord & { etag: string }>> {
  const { nextAttemptAt: _next, ...rest } = record;
  return replaceDispatch(deps, record, { ...rest, state: "sending", attempts: record.attempts + 1, leaseUntil: inSeconds(deps.now(), leaseSeconds) });
}

/**
 * Records the attempt's success: `sent`, when, and the channel's activity id.
 *
 * @example
 * await recordDispatchSent(deps, sending, "1:activity-id");
 */
export async function recordDispatchSent(deps: AppDeps, record: DispatchRecord, activityId: string): Promise<Outcome<DispatchRecord & { etag: string }>> {
  const at = deps.now().toISOString();
  const { nextAttemptAt: _next, error: _error, ...rest } = record;
  return replaceDispatch(deps, record, { ...rest, state: "sent", sentAt: at, finishedAt: at, ...(activityId ? { activityId } : {}) });
}

/**
 * Records a failed attempt that will be made again at `nextAttemptAt`; the lease runs until a
 * lease after that, so no other instance takes it over while it waits.
 *
 * @example
 * await recordDispatchRetry(deps, sending, "Teams asked us to slow down (429).", new Date(Date.now() + 2000));
 */
export async function recordDispatchRetry(deps: AppDeps, record: DispatchRecord, error: string, nextAttemptAt: Date, leaseSeconds: number = DEFAULT_LEASE_SECONDS): Promise<Outcome<DispatchRecord & { etag: string }>> {
  return replaceDispatch(deps, record, { ...record, state: "retrying", error, nextAttemptAt: nextAttemptAt.toISOString(), leaseUntil: inSeconds(nextAttemptAt, leaseSeconds) });
}

/**
 * Records that the prompt will not be sent: `failed`, with why in words for the Overdue view.
 * `addressFailed`: an e-mail whose address the recipient's server refused (the manager should check it).
 *
 * @example
 * await recordDispatchFailure(deps, sending, "Teams refused the message (403): the bot may have been removed.");
 * await recordDispatchFailure(deps, sending, "The e-mail to ana@example.com was refused: …", { addressFailed: true });
 */
export async function recordDispatchFailure(deps: AppDeps, record: DispatchRecord, error: string, options: { addressFailed?: boolean } = {}): Promise<Outcome<DispatchRecord & { etag: string }>> {
  const { nextAttemptAt: _next, ...rest } = record;
  return replaceDispatch(deps, record, { ...rest, state: "failed", error, finishedAt: deps.now().toISOString(), ...(options.addressFailed ? { addressFailed: true } : {}) });
}
