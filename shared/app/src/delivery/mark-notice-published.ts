// Mark a confirmed assessment's UK9 notice as published (on Find a Tender).
import { ukDateTime, type NoticePublication, type Principal } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { conflict, notFound, succeeded, unprocessable, type Outcome } from "../outcome.js";
import { managedContract } from "./delivery-access.js";
import { deliveryRecords, nextSummary } from "./delivery-records.js";

export interface MarkNoticeRequest {
  contractId: string;
  assessmentId: string;
  /** Where it was published. */
  url?: string;
  /** When; now when not given. */
  publishedAt?: string;
}

/**
 * Records that the notice was published, once, for procurement officers and the contract's
 * manager: the NOTICE_UNPUBLISHED finding then clears.
 *
 * @example
 * const outcome = await markNoticePublished(deps, manager, { contractId, assessmentId, url: "https://www.find-tender.service.gov.uk/Notice/012345-2026" });
 */
export async function markNoticePublished(deps: AppDeps, caller: Principal, request: MarkNoticeRequest): Promise<Outcome<NoticePublication>> {
  const managed = await managedContract(deps, caller, request.contractId, "publish its notices");
  if (!managed.ok) return managed;
  const { contract } = managed;
  return deps.storage.delivery.change<Outcome<NoticePublication>>(contract.id, async (partition) => {
    const assessment = partition.assessments.find((a) => a.id === request.assessmentId);
    if (!assessment) return { result: notFound("The assessment") };
    if (assessment.status !== "confirmed") return { result: unprocessable([{ field: "assessmentId", message: "names a draft: confirm the assessment before publishing its notice" }], "The notice") };
    const earlier = partition.publications.find((p) => p.assessmentId === assessment.id);
    if (earlier) return { result: conflict(`This assessment's notice was marked published already, by ${earlier.publishedBy} on ${ukDateTime(new Date(earlier.publishedAt))}.`) };
    const publication: NoticePublication = {
      assessmentId: assessment.id,
      publishedAt: request.publishedAt ?? deps.now().toISOString(),
      publishedBy: caller.userId,
      ...(request.url ? { url: request.url } : {}),
    };
    const records = await deliveryRecords(deps, contract, partition);
    const summary = nextSummary(deps, { ...records, publications: [...records.publications, publication] }, partition);
    return { result: succeeded(publication), writes: [{ kind: "create-publication", publication }], summary };
  });
}
