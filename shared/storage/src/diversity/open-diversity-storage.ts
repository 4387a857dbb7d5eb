// Opens the diversity repositories over the suite's TableStore, creating their tables when missing.
import type { TableStore } from "../store.js";
import { auditStorage } from "./audit.js";
import { campaignStorage } from "./campaigns.js";
import type { DiversityStorage } from "./diversity-storage.js";
import { invitationStorage } from "./invitations.js";
import { DIVERSITY_TABLES } from "./records.js";
import { responseStorage } from "./responses.js";
import { teamsCardStorage } from "./teams-cards.js";
import { tokenStorage } from "./tokens.js";

/**
 * Creates the diversity tables when missing and returns the repositories over the suite's store.
 * Every time stored is given by the use case (one clock decides, the application's), so `_now`
 * is accepted for the signature the composition roots call and read by nothing here.
 *
 * @example
 * const diversity = await openDiversityStorage(storage.store);
 * const campaign = await diversity.campaigns.get(2026);
 */
export async function openDiversityStorage(store: TableStore, _now: () => Date = () => new Date()): Promise<DiversityStorage> {
  await store.ensureTables(DIVERSITY_TABLES);
  return {
    campaigns: campaignStorage(store),
    invitations: invitationStorage(store),
    tokens: tokenStorage(store),
    responses: responseStorage(store),
    audit: auditStorage(store),
    teamsCards: teamsCardStorage(store),
  };
}
