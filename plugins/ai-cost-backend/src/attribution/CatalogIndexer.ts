import type {
  AuthService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  AttributionStore,
  TaskRequest,
  TaskRequestStore,
} from '../database';
import type { Attributor } from './Attributor';
import {
  addToSnapshot,
  fingerprintSnapshot,
  allocationTagsChanged,
  membershipsChanged,
  changedClaimValues,
  SNAPSHOT_FIELDS,
  type CatalogSnapshot,
  type ClaimedValue,
} from './catalogSnapshot';

/**
 * Changed claim values up to which only the days carrying them are
 * re-attributed: finding them is a scan of stored usage with a condition per
 * value, so a larger change re-attributes its providers' whole history.
 */
const MAX_CHANGED_VALUES = 50;

/** Result of one index build. */
export interface IndexBuildResult {
  changed: boolean;
  entities: number;
  claims: number;
  /** Providers whose spend was re-attributed because their claims changed. */
  reattributedProviders: string[];
}

/**
 * Builds the annotation index from the catalog with the plugin's own service
 * credentials: every entity's `ai-cost/*` claims and the relations rollups
 * follow. Runs as one global task on a short schedule, so an edited
 * `catalog-info.yaml` shows up in costs within minutes of the catalog
 * processing it; when the claims changed, the affected providers' spend is
 * re-attributed from stored usage.
 */
export class CatalogIndexer {
  static readonly TASK_ID = 'ai-cost-catalog-index';

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      scheduler: SchedulerService;
      logger: LoggerService;
      store: AttributionStore;
      /** Where a re-attribution waits until it completed. */
      requests: TaskRequestStore;
      attributor: Pick<Attributor, 'reattribute' | 'reattributeClaimedValues'>;
      schedule: SchedulerServiceTaskScheduleDefinition;
      /** Runs after spend was re-attributed (budgets, anomalies). */
      afterAttribution?: () => Promise<void>;
      /**
       * Identifies the configured allocation rules: stored with the index, so
       * a deploy that changes them re-attributes everything.
       */
      allocationFingerprint?: string;
    },
  ) {}

  /** The pending re-attribution's request id; its payload is the providers. */
  static readonly REATTRIBUTION_REQUEST_ID =
    'ai-cost-catalog-index:reattribute';

  async start(): Promise<void> {
    await this.options.scheduler.scheduleTask({
      ...this.options.schedule,
      id: CatalogIndexer.TASK_ID,
      scope: 'global',
      fn: async signal => {
        await this.rebuild(signal);
      },
    });
  }

  /** Asks the scheduler to rebuild the index now. */
  async refresh(): Promise<void> {
    await this.options.scheduler.triggerTask(CatalogIndexer.TASK_ID);
  }

  /**
   * Reads the catalog, stores the index when it changed and re-attributes the
   * providers whose claims changed. The re-attribution is recorded as
   * pending before the new index is stored and cleared only once it
   * completed, so a failed or aborted one is retried by the next run even
   * though the catalog is unchanged by then.
   */
  async rebuild(signal?: AbortSignal): Promise<IndexBuildResult> {
    const { catalog, auth, store, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const snapshot: CatalogSnapshot = {
      entities: [],
      claims: [],
      problems: [],
    };
    for await (const page of catalog.streamEntities(
      { fields: SNAPSHOT_FIELDS },
      { credentials },
    )) {
      signal?.throwIfAborted();
      for (const entity of page) addToSnapshot(snapshot, entity);
    }
    const result = {
      entities: snapshot.entities.length,
      claims: snapshot.claims.length,
    };

    const allocation = this.options.allocationFingerprint ?? '';
    const fingerprint = `${fingerprintSnapshot(snapshot)}.${allocation}`;
    const state = await store.getIndexState();
    const changed = state?.fingerprint !== fingerprint;
    if (changed) {
      const previous = state ? await store.loadCatalogSnapshot() : undefined;
      // The first build, changed allocation rules, changed `ai-cost/tags`
      // or changed group memberships (members splits) re-attribute
      // everything: usage may predate the index, and tags and split rules
      // can move any provider's spend. Otherwise only the days whose usage
      // carries a value whose claims changed.
      const values =
        previous &&
        state?.fingerprint.endsWith(`.${allocation}`) &&
        !allocationTagsChanged(previous.snapshot, snapshot) &&
        !membershipsChanged(previous.snapshot, snapshot)
          ? changedClaimValues(previous.snapshot.claims, snapshot.claims)
          : undefined;
      const change = reattributionOf(values);
      if (!values || values.length > 0) {
        await this.options.requests.request(
          CatalogIndexer.REATTRIBUTION_REQUEST_ID,
          pending => mergeReattributions(pending, change),
        );
      }
      await store.replaceCatalogSnapshot(snapshot, fingerprint);
      for (const problem of snapshot.problems) {
        logger.warn(
          `Ignoring ${problem.annotation} of ${problem.entityRef}: ${problem.message}`,
        );
      }
      logger.info(
        `AI Cost annotation index rebuilt: ${result.entities} entities, ${
          result.claims
        } claims, ${snapshot.problems.length} problem(s); ${
          values
            ? `claims of ${values.length} value(s) changed`
            : 'everything to re-attribute'
        }`,
      );
    }
    const reattributed = await this.reattributePending(signal);
    return {
      ...result,
      changed,
      reattributedProviders: reattributed ?? [],
    };
  }

  /** Completes a pending re-attribution; the providers it covered. */
  private async reattributePending(
    signal?: AbortSignal,
  ): Promise<string[] | undefined> {
    const { requests, attributor } = this.options;
    const pending = await requests.pending(
      CatalogIndexer.REATTRIBUTION_REQUEST_ID,
    );
    if (!pending) return undefined;
    const change = parseReattribution(pending.payload);
    if ('values' in change) {
      await attributor.reattributeClaimedValues(change.values, signal);
    } else {
      await attributor.reattribute(change.providers, signal);
    }
    await requests.complete(pending);
    await this.options.afterAttribution?.();
    return providersOf(change) ?? ['*'];
  }
}

/**
 * A pending re-attribution: the days whose usage carries some claimed
 * values, the whole history of some providers, or everything.
 */
type Reattribution =
  | { values: ClaimedValue[] }
  | { providers: string[] }
  | { all: true; providers?: undefined };

/** What to re-attribute for the changed claim values (everything when unknown). */
function reattributionOf(values: ClaimedValue[] | undefined): Reattribution {
  if (!values) return { all: true };
  if (values.length > MAX_CHANGED_VALUES) {
    return { providers: [...new Set(values.map(v => v.provider))].sort() };
  }
  return { values };
}

function providersOf(change: Reattribution): string[] | undefined {
  if ('values' in change) {
    return [...new Set(change.values.map(v => v.provider))].sort();
  }
  return change.providers;
}

/**
 * A stored payload: `{"values": [...]}`, a JSON array of providers, or
 * null for everything.
 */
function parseReattribution(payload: string | null): Reattribution {
  if (payload === null) return { all: true };
  const parsed = JSON.parse(payload);
  return Array.isArray(parsed) ? { providers: parsed } : parsed;
}

/**
 * The union of what is pending and what changed: values with values,
 * otherwise providers with providers (a value counts as its provider);
 * everything absorbs the rest.
 */
function mergeReattributions(
  pending: TaskRequest | undefined,
  change: Reattribution,
): string | null {
  const before = pending ? parseReattribution(pending.payload) : undefined;
  if ('all' in change || (before && 'all' in before)) return null;
  if ('values' in change && (!before || 'values' in before)) {
    const values = new Map(
      [...(before?.values ?? []), ...change.values].map(v => [
        [v.provider, v.dimension, v.value].join('\u0000'),
        v,
      ]),
    );
    return JSON.stringify({ values: [...values.values()] });
  }
  const providers = [
    ...(before ? providersOf(before) ?? [] : []),
    ...(providersOf(change) ?? []),
  ];
  return JSON.stringify([...new Set(providers)].sort());
}

/**
 * Records that the stored spend of some providers (all when omitted) must be
 * re-attributed, e.g. after an allocation rule changed, and asks the index
 * task to run now. The request survives restarts and replicas.
 */
export async function requestReattribution(
  deps: { requests: TaskRequestStore; scheduler: SchedulerService },
  providers?: string[],
): Promise<void> {
  await deps.requests.request(
    CatalogIndexer.REATTRIBUTION_REQUEST_ID,
    pending =>
      mergeReattributions(pending, providers ? { providers } : { all: true }),
  );
  await deps.scheduler.triggerTask(CatalogIndexer.TASK_ID);
}
