// The businesses invited to a year's campaign that have not answered yet, to remind.
import { hasRole, type Principal } from "@toms/domain";
import { forbidden, notFound, succeeded, type Outcome } from "../outcome.js";
import type { DiversityDeps } from "./diversity-deps.js";

export interface ReminderRow {
  supplierId: string;
  supplierName: string;
  contactName?: string;
  contactEmail?: string;
  invitedAt: string;
  linksIssuedAt?: string;
}

/**
 * The invited businesses that have not answered the year's questionnaire, by name, for admins and
 * EDI analysts. It says nothing of anyone's answers.
 *
 * @example
 * const outcome = await reminderList(d, admin, { year: 2026 });
 * if (outcome.ok) console.log(`${outcome.value.length} still to answer`);
 */
export async function reminderList(d: DiversityDeps, caller: Principal, request: { year: number }): Promise<Outcome<ReminderRow[]>> {
  if (!hasRole(caller, "admin", "edi-analyst")) return forbidden("Only procurement officers (admin) and EDI analysts can see who is still to answer.");
  if (!(await d.diversity.campaigns.get(request.year))) return notFound(`The ${request.year} diversity campaign`);
  const invitations = await d.diversity.invitations.list(request.year);
  return succeeded(
    invitations
      .filter((i) => i.answeredAt === undefined)
      .sort((a, b) => a.supplierName.localeCompare(b.supplierName))
      .map((i) => ({
        supplierId: i.supplierId,
        supplierName: i.supplierName,
        ...(i.contactName ? { contactName: i.contactName } : {}),
        ...(i.contactEmail ? { contactEmail: i.contactEmail } : {}),
        invitedAt: i.invitedAt,
        ...(i.linksIssuedAt ? { linksIssuedAt: i.linksIssuedAt } : {}),
      })),
  );
}
