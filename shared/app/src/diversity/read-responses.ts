// An EDI analyst reads businesses' identified diversity answers, for a stated purpose, and the read is audited first.
import { hasRole, type DiversityAnswers, type Principal } from "@toms/domain";
import type { StoredResponse } from "@toms/storage/diversity";
import { forbidden, invalid, succeeded, type Outcome } from "../outcome.js";
import { actorOf, audit, readPurpose, supplierNameOf } from "./diversity-access.js";
import type { DiversityDeps } from "./diversity-deps.js";

export interface IdentifiedResponse {
  supplierId: string;
  supplierName: string;
  year: number;
  revision: number;
  submittedAt: string;
  answers: DiversityAnswers;
}

export interface ReadResponsesRequest {
  /** Why the answers are needed, in words: it goes in the audit log. */
  purpose: string;
  year?: number;
  supplierId?: string;
}

/**
 * The answers that count, by business, for EDI analysts only: of one year, one business, or both.
 * A purpose (a few words) is required, and the read is written to the audit log with the
 * businesses named before anything is returned.
 *
 * @example
 * const outcome = await readResponses(d, analyst, { purpose: "Check the 2026 baseline's sector counts", year: 2026 });
 */
export async function readResponses(d: DiversityDeps, caller: Principal, request: ReadResponsesRequest): Promise<Outcome<IdentifiedResponse[]>> {
  if (!hasRole(caller, "edi-analyst")) return forbidden("Only EDI analysts can read businesses' diversity answers.");
  const purpose = readPurpose(request.purpose);
  if (!purpose.ok) return purpose;
  const { year, supplierId } = request;
  if (year !== undefined && !Number.isInteger(year)) return invalid([{ field: "year", message: "must be a campaign year, such as 2026" }], "The request");
  if (supplierId !== undefined && (typeof supplierId !== "string" || supplierId.trim() === "")) return invalid([{ field: "supplierId", message: "must be the id of a business" }], "The request");

  let responses: StoredResponse[];
  if (supplierId !== undefined) responses = (await d.diversity.responses.allOf(supplierId)).current.filter((r) => year === undefined || r.year === year);
  else if (year !== undefined) responses = await d.diversity.responses.current(year);
  else responses = (await Promise.all((await d.diversity.campaigns.list()).map((c) => d.diversity.responses.current(c.year)))).flat();

  await audit(d, { ...actorOf(caller), action: "read-responses", supplierIds: responses.map((r) => r.supplierId), purpose: purpose.purpose, ...(year !== undefined ? { year } : {}), detail: `${responses.length} answers` });
  const identified: IdentifiedResponse[] = [];
  for (const r of responses) identified.push({ supplierId: r.supplierId, supplierName: await supplierNameOf(d, r.supplierId, r.year), year: r.year, revision: r.revision, submittedAt: r.submittedAt, answers: r.answers });
  return succeeded(identified.sort((a, b) => b.year - a.year || a.supplierName.localeCompare(b.supplierName)));
}
