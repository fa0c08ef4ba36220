/** A tenant's unit tree as a map: unit id → parent id (null for a root). */
export type UnitParents = ReadonlyMap<string, string | null>;

/** Whether a unit is the ancestor or one of its sub-units, at any depth (a cycle in bad data is cut). */
export function isWithin(unitId: string, ancestor: string, parents: UnitParents): boolean {
  const seen = new Set<string>();
  for (let at: string | null | undefined = unitId; at && !seen.has(at); at = parents.get(at)) {
    if (at === ancestor) return true;
    seen.add(at);
  }
  return false;
}

/** The unit and every unit above it. */
export function ancestorsOrSelf(unitId: string, parents: UnitParents): string[] {
  const chain: string[] = [];
  for (let at: string | null | undefined = unitId; at && !chain.includes(at); at = parents.get(at)) chain.push(at);
  return chain;
}
