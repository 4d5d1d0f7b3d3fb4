/** Who a signed-in caller acts as; a token carries exactly one. */
export const ROLES = ['agency', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
