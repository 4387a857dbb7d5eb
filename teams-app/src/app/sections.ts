// The tab's sections, and who sees each: contracts for those who work with them, supplier
// diversity for council staff (its answers only for EDI analysts, which the view and the API decide).
import type { Role } from "@toms/client";
import { ROUTES } from "./routes.js";

export interface Section {
  value: string;
  label: string;
  roles: readonly Role[];
}

const CONTRACT_ROLES: readonly Role[] = ["admin", "evaluator", "contract-manager", "supplier"];

export const SECTIONS: readonly Section[] = [
  { value: ROUTES.portfolio, label: "Portfolio", roles: CONTRACT_ROLES },
  { value: ROUTES.overdue, label: "Overdue", roles: CONTRACT_ROLES },
  { value: ROUTES.socialValue, label: "Social value", roles: CONTRACT_ROLES },
  { value: ROUTES.diversity, label: "Supplier diversity", roles: ["admin", "evaluator", "contract-manager", "edi-analyst"] },
];

/** The sections a person with these roles sees, in the tab's order. */
export function sectionsFor(roles: readonly Role[]): Section[] {
  return SECTIONS.filter((section) => section.roles.some((role) => roles.includes(role)));
}
