// Record a KPI update (or a quantity of social value delivered) for a period: once per idempotency key.
import { parsePeriod, periodError, requestDigest, ukDate, updateRefusal, updateViews, type KpiUpdate, type KpiUpdateInput, type KpiUpdateRecord, type Principal } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { conflict, forbidden, notFound, succeeded, unprocessable, type Outcome } from "../outcome.js";
import { stableId } from "../stable-id.js";
import { submitterOf, visibleContract } from "./delivery-access.js";
import { deliveryRecords, nextSummary } from "./delivery-records.js";

export interface RecordUpdateRequest {
  contractId: string;
  kpiId: string;
  /** The caller's key for this submission: sent again (a retry), it answers the same update. */
  idempotencyKey: string;
  input: KpiUpdateInput;
}

export interface RecordedUpdate {
  update: KpiUpdate;
  /** The key had been used already with this request: nothing new was stored. */
  replayed: boolean;
}

/**
 * The id an update of this caller under this key gets: the same for a retry, so it lands on the same row.
 *
 * @example
 * const recordedBefore = records.updates.some((u) => u.id === updateIdFor(contractId, caller.userId, key));
 */
export function updateIdFor(contractId: string, callerUserId: string, idempotencyKey: string): string {
  return stableId(`toms-delivery:update:${contractId}:${callerUserId}:${idempotencyKey}`);
}

/**
 * Records an update. The contract's supplier contacts report the KPIs their organisation reports
 * (and the commitments), which then wait for the manager's review; the manager and procurement
 * officers may report any KPI, accepted as sent. A correction is a new revision of the period.
 * The update's id comes from the contract, the caller and the key, so a retry lands on the same
 * row; a key used again with another request is refused.
 *
 * @example
 * const outcome = await recordUpdate(deps, supplier, { contractId, kpiId, idempotencyKey: "4c1e…", input: { period: "2026-03", value: 97.5 } });
 * if (outcome.ok) console.log(outcome.value.update.status); // "pending"
 */
export async function recordUpdate(deps: AppDeps, caller: Principal, request: RecordUpdateRequest): Promise<Outcome<RecordedUpdate>> {
  const visible = await visibleContract(deps, caller, request.contractId);
  if (!visible.ok) return visible;
  const { contract } = visible;
  const submittedAs = submitterOf(caller, contract);
  if (!submittedAs) return forbidden("Only the contract's supplier, its contract manager and procurement officers can report on its KPIs.");
  const id = updateIdFor(contract.id, caller.userId, request.idempotencyKey);
  const digest = requestDigest(request.kpiId, request.input);
  const today = ukDate(deps.now());
  return deps.storage.delivery.change<Outcome<RecordedUpdate>>(contract.id, async (partition) => {
    const records = await deliveryRecords(deps, contract, partition);
    const viewOf = (updates: readonly KpiUpdateRecord[], updateId: string) => updateViews(updates, records.reviews).find((u) => u.id === updateId);
    const earlier = records.updates.find((u) => u.id === id);
    if (earlier) {
      if (earlier.requestDigest !== digest) {
        return { result: unprocessable([{ field: "Idempotency-Key", message: `was used already for another update (${earlier.period}, value ${earlier.value}): send a new key for a new update` }], "The update") };
      }
      const update = viewOf(records.updates, id);
      if (!update) throw new Error(`Bug: update ${id} is stored but has no view.`);
      return { result: succeeded({ update, replayed: true }) };
    }
    // A withdrawal under way removes the award's rows over several transactions: an update then
    // would be recorded against commitments that are leaving.
    if (partition.award.claim?.state === "releasing") return { result: conflict(`The award of contract ${contract.reference} is being withdrawn just now, so no update can be recorded. Try again in a minute.`) };
    const kpi = records.kpis.find((k) => k.id === request.kpiId);
    if (!kpi) return { result: notFound("The KPI") };
    const { period } = request.input;
    const wrongPeriod = periodError(contract, kpi.frequency, period);
    if (wrongPeriod) return { result: unprocessable([wrongPeriod], "The update") };
    const begins = parsePeriod(period)?.startDate ?? "";
    if (begins > today) return { result: unprocessable([{ field: "period", message: `${period} has not begun yet: report it once it has` }], "The update") };
    const current = nextSummary(deps, records, partition);
    const refusal = updateRefusal(kpi, current.periods[kpi.id]?.[period], submittedAs, period);
    if (refusal) return { result: refusal.kind === "forbidden" ? forbidden(refusal.message) : conflict(refusal.message) };
    const revisions = records.updates.filter((u) => u.kpiId === kpi.id && u.period === period).map((u) => u.revision);
    const record: KpiUpdateRecord = {
      id,
      contractId: contract.id,
      kpiId: kpi.id,
      period,
      revision: Math.max(0, ...revisions) + 1,
      value: request.input.value,
      ...(request.input.note ? { note: request.input.note } : {}),
      ...(request.input.evidenceUrl ? { evidenceUrl: request.input.evidenceUrl } : {}),
      submittedAs,
      submittedBy: caller.userId,
      ...(caller.name ? { submittedByName: caller.name } : {}),
      submittedAt: deps.now().toISOString(),
      idempotencyKey: request.idempotencyKey,
      requestDigest: digest,
    };
    const updates = [...records.updates, record];
    const update = viewOf(updates, id);
    if (!update) throw new Error(`Bug: the new update ${id} has no view.`);
    return { result: succeeded({ update, replayed: false }), writes: [{ kind: "create-update", update: record }], summary: nextSummary(deps, { ...records, updates }, partition) };
  });
}
