// New form links for invited businesses: a fresh token each, stored by its hash only, valid until the campaign closes.
import type { CampaignRecord, FormTokenRecord, InvitationRecord } from "@toms/storage/diversity";
import { formLink, tokenHash, type DiversityDeps } from "./diversity-deps.js";

/** One new link, for the invited business it was made for. */
export interface NewFormLink {
  invitation: InvitationRecord;
  token: string;
  link: string;
}

/**
 * A new token and link for each invitation given (one each, a business given twice gets two),
 * stored by hash before they are returned, expiring when the campaign closes. Links issued before
 * keep working. Marking the invitations is left to the caller, which knows which links it handed over.
 */
export async function newFormLinks(d: DiversityDeps, campaign: CampaignRecord, invitations: readonly InvitationRecord[], at: string): Promise<NewFormLink[]> {
  const links = invitations.map((invitation) => {
    const token = d.newToken();
    return { invitation, token, link: formLink(d, token) };
  });
  const tokens: FormTokenRecord[] = links.map(({ invitation, token }) => ({ tokenHash: tokenHash(token), year: campaign.year, supplierId: invitation.supplierId, issuedAt: at, expiresAt: campaign.closesAt }));
  await d.diversity.tokens.saveAll(tokens);
  return links;
}
