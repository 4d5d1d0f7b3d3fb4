import { isValidOn } from '#shared/hierarchy';
import { apiHandler } from '#shared/http/apiHandler';
import { getHierarchyHead, getUnit } from '#shared/store/units';

/*
 * The unit rides along, with its level's name, because an agency may not list units, yet its form needs the
 * level to show the right targets. An agency's unit is known and valid by now (http/agencyUnit.ts); another
 * role's unit, when it has one, is shown if it exists.
 */
export const handler = apiHandler('getMe', async ({ identity }) => {
  const [unit, head] = identity.unitId
    ? await Promise.all([getUnit(identity.unitId), getHierarchyHead()])
    : [undefined, undefined];
  if (!unit || !head) return { body: identity };
  const { id, code, name, level, parentId, validFrom, validTo } = unit;
  const levelName = head.levels.find((l) => l.id === level && isValidOn(l, validFrom))?.name;
  return {
    body: {
      ...identity,
      unit: {
        id,
        code,
        name,
        level,
        ...(levelName ? { levelName } : {}),
        ...(parentId ? { parentId } : {}),
        validFrom,
        ...(validTo ? { validTo } : {}),
      },
    },
  };
});
