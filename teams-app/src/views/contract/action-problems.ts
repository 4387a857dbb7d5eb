// Who sees the contract manager's buttons, and what a refused action says beside its button. The
// service decides every action anyway: this only spares others buttons that would be refused.
import { ApiError } from "@toms/client";
import type { Role } from "@toms/domain";
import { inUkWords } from "../../common/format.js";

/** Procurement officers and contract managers set KPIs, review updates, assess and publish (docs/delivery.md). */
export function canManage(roles: readonly Role[]): boolean {
  return roles.includes("contract-manager") || roles.includes("admin");
}

export type Action = "review" | "start" | "confirm" | "publish" | "download" | "add-kpi" | "apply-template" | "change-target" | "send-update" | "set-channel";

const MEANWHILE: Record<Action, string> = {
  review: "Someone reviewed this update meanwhile.",
  start: "The assessments changed meanwhile.",
  confirm: "This assessment was confirmed meanwhile.",
  publish: "This notice was marked published meanwhile.",
  download: "The assessment changed meanwhile.",
  "add-kpi": "The contract's KPIs changed meanwhile.",
  "apply-template": "The contract's KPIs changed meanwhile.",
  "change-target": "Someone changed this KPI meanwhile.",
  "send-update": "This KPI's updates changed meanwhile.",
  "set-channel": "Someone changed this contact meanwhile.",
};

export interface ActionProblem {
  message: string;
  /** The page should read the contract again: what it shows is out of date. */
  reload: boolean;
}

/** A refused or failed action in the service's words, and whether what is shown is now stale. */
export function actionProblem(action: Action, error: unknown): ActionProblem {
  if (!(error instanceof ApiError)) return { message: `It did not work: ${error instanceof Error ? error.message : String(error)} Try again.`, reload: false };
  const detail = inUkWords(error.detail);
  if (error.status === 409) return { message: `${MEANWHILE[action]} ${detail} The page now shows where it stands.`, reload: true };
  // A change sent with an ETag that is no longer the record's: the page reads it again, and the
  // person checks what it now says before sending theirs (the service's words say to reload by hand).
  if (error.status === 412) return { message: `${MEANWHILE[action]} The page now shows it as it stands: check it, then try again.`, reload: true };
  if (error.status === 403) return { message: detail || "Your role does not allow this. Ask a procurement officer if you need it.", reload: false };
  if (error.status === 401) return { message: "Your sign-in has expired. Sign in again, then try again.", reload: false };
  return { message: detail, reload: false };
}
