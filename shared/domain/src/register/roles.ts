/** The people who use the suite, as roles granted by sign-in (Entra app roles in production). */
export const ROLES = ["admin", "evaluator", "contract-manager", "supplier", "edi-analyst"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Who is calling, after the token has been verified. */
export interface Principal {
  /** Stable user id: Entra object id (oid) in production, the --user value in development. */
  userId: string;
  name: string;
  roles: Role[];
  /** The supplier a supplier contact acts for; set only with the supplier role. */
  supplierId?: string;
}

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return roles.some((role) => principal.roles.includes(role));
}
