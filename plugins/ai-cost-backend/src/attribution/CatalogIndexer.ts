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
  providersWithChangedClaims,
  SNAPSHOT_FIELDS,
  type CatalogSnapshot,
} from './catalogSnapshot';

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
      attributor: Pick<Attributor, 'reattribute'>;
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
      // can move any provider's spend.
      const providers =
        previous &&
        state?.fingerprint.endsWith(`.${allocation}`) &&
        !allocationTagsChanged(previous.snapshot, snapshot) &&
        !membershipsChanged(previous.snapshot, snapshot)
          ? providersWithChangedClaims(
              previous.snapshot.claims,
              snapshot.claims,
            )
          : undefined;
      if (!providers || providers.length > 0) {
        await this.options.requests.request(
          CatalogIndexer.REATTRIBUTION_REQUEST_ID,
          pending => mergeProviders(pending, providers),
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
          providers
            ? `claims changed for ${providers.join(', ') || 'no provider'}`
            : 'first build'
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
    const providers = parseProviders(pending.payload);
    await attributor.reattribute(providers, signal);
    await requests.complete(pending);
    await this.options.afterAttribution?.();
    return providers ?? ['*'];
  }
}

/** Pending providers as stored: a JSON array, or null for all of them. */
function parseProviders(payload: string | null): string[] | undefined {
  return payload === null ? undefined : (JSON.parse(payload) as string[]);
}

/** The union of what is pending and what changed; all absorbs the rest. */
function mergeProviders(
  pending: TaskRequest | undefined,
  providers: string[] | undefined,
): string | null {
  if (!providers) return null;
  if (!pending) return JSON.stringify([...providers].sort());
  const already = parseProviders(pending.payload);
  if (!already) return null;
  return JSON.stringify([...new Set([...already, ...providers])].sort());
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
    pending => mergeProviders(pending, providers),
  );
  await deps.scheduler.triggerTask(CatalogIndexer.TASK_ID);
}
