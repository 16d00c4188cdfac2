import type {
  AuthService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { AttributionStore } from '../database';
import type { Attributor } from './Attributor';
import {
  addToSnapshot,
  fingerprintSnapshot,
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
      attributor: Pick<Attributor, 'reattribute'>;
      schedule: SchedulerServiceTaskScheduleDefinition;
      /** Runs after spend was re-attributed (budgets, anomalies). */
      afterAttribution?: () => Promise<void>;
    },
  ) {}

  async start(): Promise<void> {
    await this.options.scheduler.scheduleTask({
      ...this.options.schedule,
      id: CatalogIndexer.TASK_ID,
      scope: 'global',
      fn: async () => {
        await this.rebuild();
      },
    });
  }

  /** Asks the scheduler to rebuild the index now. */
  async refresh(): Promise<void> {
    await this.options.scheduler.triggerTask(CatalogIndexer.TASK_ID);
  }

  async rebuild(): Promise<IndexBuildResult> {
    const { catalog, auth, store, logger, attributor } = this.options;
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
      for (const entity of page) addToSnapshot(snapshot, entity);
    }
    const result = {
      entities: snapshot.entities.length,
      claims: snapshot.claims.length,
    };

    const fingerprint = fingerprintSnapshot(snapshot);
    const state = await store.getIndexState();
    if (state?.fingerprint === fingerprint) {
      return { ...result, changed: false, reattributedProviders: [] };
    }
    const previous = state ? await store.loadCatalogSnapshot() : undefined;
    await store.replaceCatalogSnapshot(snapshot, fingerprint);
    for (const problem of snapshot.problems) {
      logger.warn(
        `Ignoring ${problem.annotation} of ${problem.entityRef}: ${problem.message}`,
      );
    }

    // The first build re-attributes everything: usage may predate the index.
    const providers = previous
      ? providersWithChangedClaims(previous.snapshot.claims, snapshot.claims)
      : undefined;
    logger.info(
      `AI Cost annotation index rebuilt: ${result.entities} entities, ${
        result.claims
      } claims, ${snapshot.problems.length} problem(s); ${
        providers
          ? `claims changed for ${providers.join(', ') || 'no provider'}`
          : 'first build'
      }`,
    );
    if (!providers || providers.length > 0) {
      await attributor.reattribute(providers);
      await this.options.afterAttribution?.();
    }
    return {
      ...result,
      changed: true,
      reattributedProviders: providers ?? ['*'],
    };
  }
}
