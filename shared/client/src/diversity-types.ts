// The diversity use cases' answers, as the contract (issue 11) gives them, until @toms/app/diversity
// exports them: then they are imported from there and this file goes.
import type { DiversityAnswers, DiversityBaseline } from "@toms/domain";

export interface CampaignView { year: number; questionnaireVersion: string; status: "open" | "closed"; openedAt: string; closesAt: string; closedAt?: string; invited: number; answered: number; published: { at: string; by: string } | null }
type YearCounts = { counts: Record<string, number | null>; answered: number | null };
export interface BaselineView extends DiversityBaseline {
  status: "open" | "closed";
  published: { at: string; by: string } | null;
  previousYear: { year: number; respondents: number; characteristics: Record<string, YearCounts>; sizeBands: YearCounts; statutorySme: YearCounts; sectors: YearCounts; barriers: YearCounts } | null;
}
export interface EngagementFilters { year?: number; barrier?: string; sector?: string; size?: "micro" | "small" | "medium"; characteristic?: "ethnicMinorityOwned" | "womenOwned" | "disabledOwned" }
export interface EngagementRow { supplierId: string; supplierName: string; contactName?: string; contactEmail?: string; year: number; sector?: string; sizeBand: string; barriers: string[]; ethnicMinorityOwned?: string; womenOwned?: string; disabledOwned?: string }
export interface ReminderRow { supplierId: string; supplierName: string; contactName?: string; contactEmail?: string; invitedAt: string; linksIssuedAt?: string }
export interface AuditEntry { id: string; at: string; actor: string; actorName: string; action: string; supplierIds: string[]; purpose: string; year?: number; detail?: string }
export type { DiversityAnswers };
