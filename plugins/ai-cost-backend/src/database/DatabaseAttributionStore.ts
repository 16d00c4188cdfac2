import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import type {
  CatalogSnapshot,
  ClaimedValue,
} from '../attribution/catalogSnapshot';
import type {
  AttributedColumn,
  AttributedSpendStore,
  AttributionStore,
  CatalogSnapshotStore,
  UnallocatedColumn,
} from './AttributionStore';

/**
 * The {@link AttributionStore} of the plugin: the catalog snapshot and the
 * attributed spend, each kept by a store of its own
 * (`DatabaseCatalogSnapshotStore`, `DatabaseAttributedSpendStore`).
 */
export class DatabaseAttributionStore implements AttributionStore {
  constructor(
    private readonly snapshots: CatalogSnapshotStore,
    private readonly spend: AttributedSpendStore,
  ) {}

  get reattributeConcurrency() {
    return this.spend.reattributeConcurrency;
  }

  replaceCatalogSnapshot(snapshot: CatalogSnapshot, fingerprint: string) {
    return this.snapshots.replaceCatalogSnapshot(snapshot, fingerprint);
  }

  loadCatalogSnapshot() {
    return this.snapshots.loadCatalogSnapshot();
  }

  getIndexState() {
    return this.snapshots.getIndexState();
  }

  attributedVersions() {
    return this.spend.attributedVersions();
  }

  usageSpans(providers?: string[]) {
    return this.spend.usageSpans(providers);
  }

  daysWithClaimedValues(values: ClaimedValue[]) {
    return this.spend.daysWithClaimedValues(values);
  }

  historyStarts() {
    return this.spend.historyStarts();
  }

  reattribute(options: Parameters<AttributedSpendStore['reattribute']>[0]) {
    return this.spend.reattribute(options);
  }

  sumAttributed<K extends AttributedColumn>(options: {
    window: UsageWindow;
    entityRefs?: string[];
    sourceIds?: string[];
    groupBy: K[];
  }) {
    return this.spend.sumAttributed(options);
  }

  sumUnallocated(window: UsageWindow) {
    return this.spend.sumUnallocated(window);
  }

  sumUnallocatedCost<K extends UnallocatedColumn>(options: {
    window: UsageWindow;
    groupBy: K[];
  }) {
    return this.spend.sumUnallocatedCost(options);
  }

  usageGroups(options: { window: UsageWindow; byUser?: boolean }) {
    return this.spend.usageGroups(options);
  }

  sumAttributedCost<K extends AttributedColumn>(options: {
    window: UsageWindow;
    groupBy: K[];
  }) {
    return this.spend.sumAttributedCost(options);
  }

  sumTagValues(options: { window: UsageWindow; tag: string }) {
    return this.spend.sumTagValues(options);
  }

  sumUnallocatedDaily(window: UsageWindow) {
    return this.spend.sumUnallocatedDaily(window);
  }

  sumIngested(window: UsageWindow) {
    return this.spend.sumIngested(window);
  }
}
