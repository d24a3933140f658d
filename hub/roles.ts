/**
 * Operator roles, exactly as the card office's organisation has them. What each may do is one
 * table: hub/permissions.ts. `admin` may do everything. `merchant`: a merchant's own clerk, who
 * may read only the flows of the merchant finance bound them to (hub/api-settlement.ts).
 */
export const ROLES = ['card_office', 'finance', 'facilities', 'maintenance', 'auditor', 'merchant', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Roles in the catalogue's order, each once. */
export function canonicalRoles(roles: Iterable<Role>): Role[] {
  const set = new Set(roles);
  return ROLES.filter((r) => set.has(r));
}
