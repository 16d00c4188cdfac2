/** Who may see what: the subset of entity refs the caller can read in the catalog. */
export type VisibilityCheck = (entityRefs: string[]) => Promise<Set<string>>;

/** What a caller may see of an entity's subtree. */
export interface SubtreeVisibility {
  /** The entity and its descendants with spend that the caller may see: shown in detail. */
  shown: string[];
  /** Descendants with spend that the caller cannot see: their spend is folded into one line. */
  hidden: Set<string>;
  /** Direct children the caller may see. */
  visibleChildren: Set<string>;
}

/**
 * Splits an entity's subtree by what the caller may see, with one
 * visibility check for the direct children and the descendants with spend.
 * The entity itself is visible: the caller was allowed to read it.
 */
export async function subtreeVisibility(options: {
  entityRef: string;
  children: string[];
  /** Entities of the subtree with spend in the window. */
  spenders: Iterable<string>;
  visible: VisibilityCheck;
}): Promise<SubtreeVisibility> {
  const { entityRef, children, visible } = options;
  const descendants = [...options.spenders].filter(ref => ref !== entityRef);
  const seeable = await visible([...new Set([...children, ...descendants])]);
  return {
    shown: [entityRef, ...descendants.filter(ref => seeable.has(ref))],
    hidden: new Set(descendants.filter(ref => !seeable.has(ref))),
    visibleChildren: new Set(children.filter(ref => seeable.has(ref))),
  };
}
