import { apiHandler } from '#shared/http/apiHandler';
import { getUnit } from '#shared/store/units';

/*
 * The unit rides along because an agency may not list units, yet its form needs the unit's level to show the
 * right targets; an unknown unit is left out rather than failing sign-in.
 */
export const handler = apiHandler('getMe', async ({ identity }) => {
  const unit = identity.unitId ? await getUnit(identity.unitId) : undefined;
  if (!unit) return { body: identity };
  const { id, code, name, level, parentId } = unit;
  return { body: { ...identity, unit: { id, code, name, level, ...(parentId ? { parentId } : {}) } } };
});
