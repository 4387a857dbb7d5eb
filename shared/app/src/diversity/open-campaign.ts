// An admin opens a year's diversity campaign: the SMEs of the register in the council's area are invited.
import { campaignInvitees, campaignYearProblems, hasRole, QUESTIONNAIRE_V1, type Principal, type SupplierRecord } from "@toms/domain";
import { isStorageError } from "@toms/storage";
import type { CampaignRecord, InvitationRecord } from "@toms/storage/diversity";
import { conflict, forbidden, invalid, succeeded, type Outcome } from "../outcome.js";
import { campaignView, type CampaignView } from "./campaign-view.js";
import { actorOf, audit } from "./diversity-access.js";
import type { DiversityDeps } from "./diversity-deps.js";

const PAGE = 200;

/** Every supplier of the register, page by page. */
async function register(d: DiversityDeps): Promise<SupplierRecord[]> {
  const suppliers: SupplierRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await d.app.storage.suppliers.list(PAGE, cursor);
    for (const { etag: _etag, ...supplier } of page.items) suppliers.push(supplier);
    cursor = page.continuationToken;
  } while (cursor);
  return suppliers;
}

/** The year's invitations, as of `invitedAt`: the register's suppliers in the area not known to be large, each with its first contact. */
async function invitationsOf(d: DiversityDeps, year: number, invitedAt: string): Promise<InvitationRecord[]> {
  const invitees = campaignInvitees(await register(d), { sizeThresholds: d.sizeThresholds, localDistricts: d.localDistricts });
  const invitations: InvitationRecord[] = [];
  for (const supplier of invitees) {
    const [contact] = (await d.app.storage.suppliers.listContacts(supplier.id)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    invitations.push({ year, supplierId: supplier.id, supplierName: supplier.name, ...(contact ? { contactName: contact.name, contactEmail: contact.email } : {}), invitedAt });
  }
  return invitations;
}

/**
 * Opens the year's campaign under the current questionnaire, for admins (procurement officers). It
 * invites the suppliers in the council's area not known to be large, each with its first contact, and
 * closes at `closesAt` (within 12 months). A year already opened is a conflict; a bad year or closing
 * time is invalid, naming the field. A year whose opening stopped half way (the campaign stored, fewer
 * invitations stored than it counts) is completed instead: the missing invitations are written as of
 * the stored opening, and the campaign as stored is answered (its closing time stays).
 *
 * @example
 * const outcome = await openCampaign(d, admin, { year: 2026, closesAt: "2027-02-28T17:00:00Z" });
 * if (outcome.ok) console.log(`${outcome.value.invited} businesses invited`);
 */
export async function openCampaign(d: DiversityDeps, caller: Principal, request: { year: number; closesAt: string }): Promise<Outcome<CampaignView>> {
  if (!hasRole(caller, "admin")) return forbidden("Only procurement officers (admin) can open a diversity campaign.");
  const now = d.app.now();
  const problems = campaignYearProblems(request.year, request.closesAt, now);
  if (problems.length > 0) return invalid(problems, "The campaign");
  const { year } = request;
  const existing = await d.diversity.campaigns.get(year);
  if (existing) {
    const stored = await d.diversity.invitations.list(year);
    if (stored.length >= existing.invited) return conflict(`The ${year} diversity campaign was opened on ${existing.openedAt.slice(0, 10)}; there is one campaign a year. Choose another year, or issue its form links again.`);
    // An opening that stopped half way (the campaign stored, not all its invitations): the missing ones are written now, as of the opening.
    const { etag: _etag, ...campaign } = existing;
    const invitedAlready = new Set(stored.map((i) => i.supplierId));
    const missing = (await invitationsOf(d, year, existing.openedAt)).filter((i) => !invitedAlready.has(i.supplierId));
    await d.diversity.invitations.saveAll(missing);
    await audit(d, { ...actorOf(caller), action: "open-campaign", supplierIds: [...invitedAlready, ...missing.map((i) => i.supplierId)], purpose: "Invite the area's SMEs to the year's diversity questionnaire", year, detail: `opening completed: ${missing.length} more invited; closes ${campaign.closesAt}` });
    return succeeded(await campaignView(d, campaign));
  }

  const at = now.toISOString();
  const invitations = await invitationsOf(d, year, at);
  const record: CampaignRecord = { year, questionnaireVersion: QUESTIONNAIRE_V1.version, openedAt: at, openedBy: caller.userId, closesAt: new Date(request.closesAt).toISOString(), invited: invitations.length };
  // The campaign claims the year before its invitations are written, so two admins opening the same
  // year at once cannot both invite.
  let created: CampaignRecord;
  try {
    created = await d.diversity.campaigns.create(record);
  } catch (error) {
    if (isStorageError(error, "conflict")) return conflict(`The ${year} diversity campaign has just been opened by someone else; there is one campaign a year.`);
    throw error;
  }
  await d.diversity.invitations.saveAll(invitations);
  await audit(d, { ...actorOf(caller), action: "open-campaign", supplierIds: invitations.map((i) => i.supplierId), purpose: "Invite the area's SMEs to the year's diversity questionnaire", year, detail: `${invitations.length} invited; closes ${record.closesAt}` });
  return succeeded(await campaignView(d, created));
}
