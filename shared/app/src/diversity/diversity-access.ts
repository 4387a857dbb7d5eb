// Who may touch diversity data, and how: form links checked by hash, supplier contacts kept to their
// own business, a purpose for every read of identified answers, and the audit line written first.
import { formTokenProblem, hasRole, QUESTIONNAIRE_V1, type Principal, type Questionnaire } from "@toms/domain";
import type { AuditAction, AuditEntry, CampaignRecord, FormTokenRecord, WithEtag } from "@toms/storage/diversity";
import { forbidden, invalid, type Failure } from "../outcome.js";
import { tokenHash, type DiversityDeps } from "./diversity-deps.js";

/** Who answers: a signed-in supplier contact, or the holder of a form link. */
export type Respondent = { kind: "user"; caller: Principal } | { kind: "token"; token: string };

/** The one text a form link that does not work shows, whatever the reason: it tells a guesser nothing. */
export const FORM_LINK_NOT_VALID =
  "This link is not valid. It may have expired, the questionnaire may have closed, or it may have been mistyped. Check that the whole link was copied, or ask the council's procurement team for a new link.";

/** The shortest purpose accepted for reading identified answers: enough to say why, not a single word. */
export const MIN_PURPOSE_LENGTH = 5;

/** A form link that does not work: not found, in the one text. */
export function formLinkNotValid(): Failure {
  return { ok: false, kind: "not-found", message: FORM_LINK_NOT_VALID };
}

/** The form link's token and campaign when the link works now; otherwise the one refusal (the reason goes to the log only). */
export async function usableToken(d: DiversityDeps, token: string): Promise<{ ok: true; token: FormTokenRecord; campaign: WithEtag<CampaignRecord> } | Failure> {
  // A token is 43 base64url characters; anything else cannot be one, and is not looked up.
  const stored = /^[A-Za-z0-9_-]{20,200}$/.test(token) ? await d.diversity.tokens.get(tokenHash(token)) : undefined;
  const campaign = stored ? await d.diversity.campaigns.get(stored.year) : undefined;
  const problem = formTokenProblem(stored, campaign, d.app.now());
  if (problem || !stored || !campaign) {
    d.log?.refused(problem ?? "unknown", stored ? { year: stored.year } : {});
    return formLinkNotValid();
  }
  return { ok: true, token: stored, campaign };
}

/** The business a respondent answers for: the token's, or the signed-in contact's own. */
export async function respondentSupplier(d: DiversityDeps, respondent: Respondent, doing: string): Promise<{ ok: true; supplierId: string; actor: string; actorName: string; token?: FormTokenRecord } | Failure> {
  if (respondent.kind === "token") {
    const usable = await usableToken(d, respondent.token);
    if (!usable.ok) return usable;
    return { ok: true, supplierId: usable.token.supplierId, actor: `form-link:${usable.token.supplierId}`, actorName: "The holder of the supplier's form link", token: usable.token };
  }
  const { caller } = respondent;
  if (!hasRole(caller, "supplier") || !caller.supplierId) return forbidden(`Only a supplier's own contacts can ${doing}.`);
  return { ok: true, supplierId: caller.supplierId, actor: caller.userId, actorName: caller.name };
}

/** The purpose given for reading identified answers, or the field at fault. */
export function readPurpose(purpose: unknown): { ok: true; purpose: string } | Failure {
  const text = typeof purpose === "string" ? purpose.trim() : "";
  if (text.length < MIN_PURPOSE_LENGTH) return invalid([{ field: "purpose", message: `is required: say in a few words why you need the answers (at least ${MIN_PURPOSE_LENGTH} characters), for example "Meet the Buyer invitations"` }], "The request");
  return { ok: true, purpose: text };
}

/** Writes one audit line. Called before identified answers are handed over or erased: if it fails, the use case fails. */
export async function audit(d: DiversityDeps, entry: { actor: string; actorName: string; action: AuditAction; supplierIds: readonly string[]; purpose: string; year?: number; detail?: string; at?: string }): Promise<AuditEntry> {
  const recorded: AuditEntry = { id: d.app.newId(), ...entry, at: entry.at ?? d.app.now().toISOString(), supplierIds: [...new Set(entry.supplierIds)] };
  await d.diversity.audit.record(recorded);
  return recorded;
}

/** The caller as the audit log names them. */
export function actorOf(caller: Principal): { actor: string; actorName: string } {
  return { actor: caller.userId, actorName: caller.name };
}

/** The questionnaire a campaign was opened under. Only 2026.1 exists; another version is a bug of this code, not of the request. */
export function campaignQuestionnaire(campaign: CampaignRecord): Questionnaire {
  if (campaign.questionnaireVersion !== QUESTIONNAIRE_V1.version) throw new Error(`Bug: the ${campaign.year} campaign asks questionnaire ${campaign.questionnaireVersion}, which this service does not have.`);
  return QUESTIONNAIRE_V1;
}

/** The business's name as it was invited, else as the register has it. */
export async function supplierNameOf(d: DiversityDeps, supplierId: string, year?: number): Promise<string> {
  const invitation = year === undefined ? undefined : await d.diversity.invitations.get(year, supplierId);
  return invitation?.supplierName ?? (await d.app.storage.suppliers.get(supplierId))?.name ?? supplierId;
}
