// The queue's ledger over the app's dispatch steps (startDispatchAttempt and the rest), each ETag-guarded.
import { recordDispatchFailure, recordDispatchRetry, recordDispatchSent, startDispatchAttempt, type AppDeps, type Outcome } from "@toms/app";
import type { DispatchRecord } from "@toms/domain";
import type { DispatchLedger, LedgerResult } from "./outbound-queue.js";

function result(outcome: Outcome<DispatchRecord>): LedgerResult {
  // Any refusal (stale, or the row gone) means this instance no longer holds the dispatch: drop it.
  return outcome.ok ? outcome.value : { ok: false, kind: "stale" };
}

/**
 * The ledger that records a dispatch's steps in storage, with this instance's lease.
 *
 * @example
 * const queue = new OutboundQueue({ seam, ledger: appDispatchLedger(deps, 120), activityFor });
 */
export function appDispatchLedger(deps: AppDeps, leaseSeconds: number): DispatchLedger {
  return {
    startAttempt: async (record) => result(await startDispatchAttempt(deps, record, leaseSeconds)),
    sent: async (record, activityId) => result(await recordDispatchSent(deps, record, activityId ?? "")),
    retry: async (record, error, nextAttemptAt) => result(await recordDispatchRetry(deps, record, error, nextAttemptAt, leaseSeconds)),
    failure: async (record, error, options) => result(await recordDispatchFailure(deps, record, error, options)),
  };
}
