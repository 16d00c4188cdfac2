/** One catalog entity with the relations rollups follow. Refs are lower-case. */
export interface EntityNode {
  entityRef: string;
  /** Kind as written in the catalog, e.g. `Component`. */
  kind: string;
  title?: string;
  /** Target of `ownedBy`. */
  ownerRef?: string;
  /** Targets of `partOf`: system, domain or parent component. */
  partOf: string[];
  /** Targets of `childOf`: parent groups. */
  childOf: string[];
  /** Raw `ai-cost/monthly-budget` annotation. */
  monthlyBudget?: string;
  /** Raw `ai-cost/anomaly-threshold` annotation. */
  anomalyThreshold?: string;
  /** Raw `ai-cost/tags` annotation: allocation tag values for the spend it claims. */
  allocationTags?: string;
  /** `ai-cost/cost-center` (groups): where its chargeback line is billed. */
  costCenter?: string;
  /** Users only: targets of `memberOf`, the groups members splits count them in. */
  memberOf?: string[];
  /** Raw `ai-cost/vendor` annotation: the AI vendors the entity approves. */
  vendors?: string;
  /** Raw model policy annotations (DESIGN §9.4), only those set. */
  modelPolicy?: ModelPolicyAnnotations;
}

/** The raw `ai-cost/max-model-tier`, `ai-cost/allowed-models` and `ai-cost/budget-enforcement` values. */
export interface ModelPolicyAnnotations {
  maxModelTier?: string;
  allowedModels?: string;
  budgetEnforcement?: string;
}

const OWNER_KINDS = new Set(['group', 'user']);

/**
 * The catalog as rollups see it (DESIGN §3): parts roll up to their system
 * and domain through `partOf`; groups collect what they and their child
 * groups own through `ownedBy` and `childOf`. A group's view follows
 * ownership only, so a team never sees spend another team owns just because
 * it sits inside one of its systems.
 */
export class EntityGraph {
  readonly #nodes = new Map<string, EntityNode>();
  readonly #parts = new Map<string, string[]>();
  readonly #owned = new Map<string, string[]>();
  readonly #childGroups = new Map<string, string[]>();

  constructor(nodes: Iterable<EntityNode>) {
    const push = (map: Map<string, string[]>, key: string, ref: string) => {
      const list = map.get(key);
      if (list) list.push(ref);
      else map.set(key, [ref]);
    };
    for (const node of nodes) {
      this.#nodes.set(node.entityRef, node);
      for (const parent of node.partOf)
        push(this.#parts, parent, node.entityRef);
      for (const parent of node.childOf) {
        push(this.#childGroups, parent, node.entityRef);
      }
      if (node.ownerRef) push(this.#owned, node.ownerRef, node.entityRef);
    }
  }

  get size(): number {
    return this.#nodes.size;
  }

  get(entityRef: string): EntityNode | undefined {
    return this.#nodes.get(entityRef);
  }

  nodes(): IterableIterator<EntityNode> {
    return this.#nodes.values();
  }

  /** True for groups and users, whose views follow ownership. */
  #isOwner(entityRef: string): boolean {
    const kind = this.#nodes.get(entityRef)?.kind ?? entityRef.split(':')[0];
    return OWNER_KINDS.has(kind.toLocaleLowerCase('en-US'));
  }

  /**
   * Direct children: for a group its child groups and what it owns, for a
   * user what they own, for anything else its parts.
   */
  children(entityRef: string): string[] {
    if (!this.#isOwner(entityRef)) return this.#parts.get(entityRef) ?? [];
    const owned = (this.#owned.get(entityRef) ?? []).filter(
      ref => !this.#isOwner(ref),
    );
    return [...(this.#childGroups.get(entityRef) ?? []), ...owned];
  }

  /**
   * Everything whose own spend counts towards `entityRef`'s view, excluding
   * itself. Cycles in the catalog are tolerated.
   */
  descendants(entityRef: string): Set<string> {
    const owner = this.#isOwner(entityRef);
    const seen = new Set<string>([entityRef]);
    const queue = [entityRef];
    while (queue.length > 0) {
      const ref = queue.pop()!;
      // Under an owner, only groups expand further; owned entities count
      // with their own spend.
      if (owner && ref !== entityRef && !this.#isOwner(ref)) continue;
      for (const child of this.children(ref)) {
        if (!seen.has(child)) {
          seen.add(child);
          queue.push(child);
        }
      }
    }
    seen.delete(entityRef);
    return seen;
  }

  /**
   * The set of entities a direct child contributes to its parent's view:
   * a child group its ownership subtree, an owned entity only itself, a
   * part itself and its own parts.
   */
  contributionOf(parentRef: string, childRef: string): Set<string> {
    if (this.#isOwner(parentRef) && !this.#isOwner(childRef)) {
      return new Set([childRef]);
    }
    return new Set([childRef, ...this.descendants(childRef)]);
  }

  /** The owner of an entity, if any. */
  ownerOf(entityRef: string): string | undefined {
    return this.#nodes.get(entityRef)?.ownerRef;
  }

  /** The system an entity belongs to (itself for a system), if any. */
  systemOf(entityRef: string): string | undefined {
    return this.#ancestorOfKind(entityRef, 'system');
  }

  /** The domain an entity belongs to, through its system if need be. */
  domainOf(entityRef: string): string | undefined {
    return this.#ancestorOfKind(entityRef, 'domain');
  }

  /**
   * `ai-cost/cost-center` of a group or of its nearest parent group (through
   * `childOf`) that has one.
   */
  costCenterOf(entityRef: string): string | undefined {
    const holder = this.#nearest(
      entityRef,
      node => node.childOf,
      ref => this.#nodes.get(ref)?.costCenter !== undefined,
    );
    return holder === undefined
      ? undefined
      : this.#nodes.get(holder)?.costCenter;
  }

  #ancestorOfKind(entityRef: string, kind: string): string | undefined {
    return this.#nearest(
      entityRef,
      node => node.partOf,
      ref => ref.startsWith(`${kind}:`),
    );
  }

  /** The closest of an entity and its ancestors (breadth first) that `found` accepts. */
  #nearest(
    entityRef: string,
    parentsOf: (node: EntityNode) => string[],
    found: (ref: string) => boolean,
  ): string | undefined {
    const seen = new Set<string>();
    let frontier = [entityRef];
    while (frontier.length > 0) {
      const next: string[] = [];
      for (const ref of frontier) {
        if (seen.has(ref)) continue;
        seen.add(ref);
        if (found(ref)) return ref;
        const node = this.#nodes.get(ref);
        if (node) next.push(...parentsOf(node));
      }
      frontier = next;
    }
    return undefined;
  }
}
