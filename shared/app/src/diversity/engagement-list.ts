// An EDI analyst lists the businesses that agreed to be contacted, by barrier, sector, size or ownership, for targeted engagement.
import { engagementCsv, engagementFilterProblems, engagementRowOf, hasRole, matchesEngagement, type EngagementFilters, type EngagementRow, type Principal } from "@toms/domain";
import { forbidden, invalid, notFound, succeeded, type Outcome } from "../outcome.js";
import { actorOf, audit, campaignQuestionnaire, readPurpose } from "./diversity-access.js";
import type { DiversityDeps } from "./diversity-deps.js";

export interface EngagementListRequest {
  filters: EngagementFilters;
  /** Why the list is needed ("Meet the Buyer, March 2027"): it goes in the audit log. */
  purpose: string;
  format: "json" | "csv";
}

/**
 * The businesses whose answer for the year (default: the newest campaign) says yes to being
 * contacted and meets every filter, with their contact, for EDI analysts. The list or its CSV (in
 * the questionnaire's words, formula-leading cells escaped) is written to the audit log, businesses
 * named, before it is returned. Never for scoring or award.
 *
 * @example
 * const outcome = await engagementList(d, analyst, { filters: { barrier: "payment-terms", size: "micro" }, purpose: "Meet the Buyer, March 2027", format: "csv" });
 * if (outcome.ok) await writeFile("engagement.csv", outcome.value.csv ?? "");
 */
export async function engagementList(d: DiversityDeps, caller: Principal, request: EngagementListRequest): Promise<Outcome<{ rows: EngagementRow[]; csv?: string }>> {
  if (!hasRole(caller, "edi-analyst")) return forbidden("Only EDI analysts can see the engagement list.");
  const purpose = readPurpose(request.purpose);
  if (!purpose.ok) return purpose;
  const filters = request.filters ?? {};
  const problems = engagementFilterProblems(filters);
  if (request.format !== "json" && request.format !== "csv") problems.push({ field: "format", message: 'must be "json" or "csv"' });
  if (problems.length > 0) return invalid(problems, "The engagement list");

  const campaigns = await d.diversity.campaigns.list();
  const campaign = filters.year === undefined ? [...campaigns].sort((a, b) => b.year - a.year)[0] : campaigns.find((c) => c.year === filters.year);
  if (!campaign) return notFound(filters.year === undefined ? "A diversity campaign" : `The ${filters.year} diversity campaign`);
  const { year } = campaign;
  const invitations = new Map((await d.diversity.invitations.list(year)).map((i) => [i.supplierId, i]));
  const rows: EngagementRow[] = [];
  for (const response of await d.diversity.responses.current(year)) {
    if (!matchesEngagement(response.answers, filters, d.sizeThresholds)) continue;
    const invitation = invitations.get(response.supplierId);
    const supplier = invitation
      ? { supplierId: response.supplierId, supplierName: invitation.supplierName, ...(invitation.contactName ? { contactName: invitation.contactName } : {}), ...(invitation.contactEmail ? { contactEmail: invitation.contactEmail } : {}) }
      : await fromRegister(d, response.supplierId);
    rows.push(engagementRowOf(supplier, year, response.answers, d.sizeThresholds));
  }
  rows.sort((a, b) => a.supplierName.localeCompare(b.supplierName));
  const described = Object.entries(filters).filter(([, value]) => value !== undefined).map(([key, value]) => `${key}=${String(value)}`).join(", ") || "no filters";
  await audit(d, { ...actorOf(caller), action: request.format === "csv" ? "export-engagement" : "view-engagement", supplierIds: rows.map((r) => r.supplierId), purpose: purpose.purpose, year, detail: `${rows.length} businesses; ${described}` });
  return succeeded(request.format === "csv" ? { rows, csv: engagementCsv(rows, campaignQuestionnaire(campaign)) } : { rows });
}

// A business that answered without being invited (signed in as its contact): its name and first contact from the register.
async function fromRegister(d: DiversityDeps, supplierId: string) {
  const supplier = await d.app.storage.suppliers.get(supplierId);
  const [contact] = (await d.app.storage.suppliers.listContacts(supplierId)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { supplierId, supplierName: supplier?.name ?? supplierId, ...(contact ? { contactName: contact.name, contactEmail: contact.email } : {}) };
}
