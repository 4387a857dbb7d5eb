// An admin issues the year's form links as a mail-merge CSV: one new link per invited business.
import { formatCsv, hasRole, ukDateTime, type Principal } from "@toms/domain";
import { forbidden, invalid, notFound, succeeded, unprocessable, type Outcome } from "../outcome.js";
import { isClosed } from "./campaign-view.js";
import { actorOf, audit } from "./diversity-access.js";
import type { DiversityDeps } from "./diversity-deps.js";
import { newFormLinks } from "./new-form-links.js";

/**
 * Which invited businesses get a link: "all" of those still to answer, or those that have not
 * answered yet (a reminder). Neither gives a link to a business that has answered that year: it
 * needs none, and a link opens its answers.
 */
export type LinksFor = "all" | "unanswered";

/**
 * A new form link for each invited business that has not answered that year, as CSV for a mail
 * merge (a business that has answered gets none, whether `only` is "all" or "unanswered"): Supplier, Contact name, Contact email, Link, Closes. Links issued before keep working until
 * the campaign closes. For admins, while the campaign is open. The CSV escapes any cell a
 * spreadsheet would run as a formula. Only the links' hashes are stored, so a lost CSV cannot be
 * downloaded again: issue new links instead.
 *
 * @example
 * const outcome = await issueFormLinks(d, admin, { year: 2026, only: "unanswered" });
 * if (outcome.ok) await writeFile("diversity-links-2026.csv", outcome.value.csv);
 */
export async function issueFormLinks(d: DiversityDeps, caller: Principal, request: { year: number; only: LinksFor }): Promise<Outcome<{ csv: string; count: number }>> {
  if (!hasRole(caller, "admin")) return forbidden("Only procurement officers (admin) can issue diversity form links.");
  if (request.only !== "all" && request.only !== "unanswered") return invalid([{ field: "only", message: 'must be "all" or "unanswered"' }], "The links");
  const campaign = await d.diversity.campaigns.get(request.year);
  if (!campaign) return notFound(`The ${request.year} diversity campaign`);
  const now = d.app.now();
  if (isClosed(campaign, now)) return unprocessable([{ field: "year", message: `is a campaign that has closed, so its links would not work; open a new year's campaign instead` }], "The links");

  const invitations = (await d.diversity.invitations.list(request.year)).filter((i) => i.answeredAt === undefined).sort((a, b) => a.supplierName.localeCompare(b.supplierName));
  const at = now.toISOString();
  const links = await newFormLinks(d, campaign, invitations, at);
  const supplierIds = invitations.map((i) => i.supplierId);
  await d.diversity.invitations.markLinksIssued(request.year, supplierIds, at);
  // Written before the links are handed over: each link opens a business's answers.
  await audit(d, { ...actorOf(caller), action: "issue-links", supplierIds, purpose: "Send the year's diversity questionnaire links", year: request.year, detail: `${links.length} links (${request.only})` });
  const closes = ukDateTime(new Date(campaign.closesAt));
  const csv = formatCsv([["Supplier", "Contact name", "Contact email", "Link", "Closes"], ...links.map(({ invitation, link }) => [invitation.supplierName, invitation.contactName ?? "", invitation.contactEmail ?? "", link, closes])]);
  return succeeded({ csv, count: links.length });
}
