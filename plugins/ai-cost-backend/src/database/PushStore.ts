import type { FocusRow } from '../push/focus';
import type { PricedPushEvent } from '../push/pricing';
import type { SkippedSummary } from '../push/skippedRows';

/** What became of one event of a batch. */
export type PushEventOutcome = 'accepted' | 'duplicate' | 'conflict';

/** Result of {@link PushStore.ingestEvents}. */
export interface IngestEventsOutcome {
  /** One per input event, in order. */
  outcomes: PushEventOutcome[];
  /** Days whose `ai_cost_usage` rows changed (days of accepted events). */
  recomputedDays: string[];
  /** Usage rows the accepted events were added to (or inserted as). */
  usageRows: number;
}

/** A FOCUS file ready to store: validated, every row mapped. */
export interface FocusFileInput {
  sourceId: string;
  fileId: string;
  sha256: string;
  rows: FocusRow[];
  /** Replace an earlier file of the same id whose content differs. */
  replace: boolean;
  /** Who imported it: a user entity ref or a service subject. */
  importedBy: string;
  /**
   * How its rows were selected: `all`, or `ai:<rules fingerprint>`. The
   * same content selected otherwise is not a duplicate. Default `all`.
   */
  selection?: string;
  /** Rows of the file left out (not AI spend); default none. */
  skipped?: SkippedSummary;
}

/** Result of {@link PushStore.importFocusFile}. */
export interface FocusImportOutcome {
  status: 'imported' | 'duplicate' | 'replaced';
  /** The id the file is stored under (an earlier id for a duplicate). */
  fileId: string;
  rowsImported: number;
  /** Days of the file (and, when replaced, of the earlier version). */
  days: string[];
  /** Sum of BilledCost of the stored rows of the file, micro-units. */
  storedBilledCost: number;
}

/** An imported FOCUS file. */
export interface FocusFileInfo {
  sourceId: string;
  fileId: string;
  sha256: string;
  rows: number;
  billedCost: number;
  effectiveCost: number;
  listCost: number;
  firstDay: string | null;
  lastDay: string | null;
  importedBy: string;
  importedAt: string;
  /** `all`, or `ai:<rules fingerprint>`: how its rows were selected. */
  selection: string;
  /** Rows of the file left out as not AI spend, per service; micro-units. */
  skipped: SkippedSummary;
}

/**
 * Gateway events (OpenTelemetry GenAI, LiteLLM) stored as received under a
 * unique key; the `ai_cost_usage` rows of the affected days of their source
 * are recomputed from every stored event in the same transaction, so a
 * re-sent batch changes nothing.
 */
export interface GatewayEventStore {
  /**
   * Stores the events that are new for the source (kind `gateway`), and
   * recomputes the usage of their days. An event id already stored with the
   * same content is a duplicate, with other content a conflict; neither
   * changes anything.
   */
  ingestEvents(options: {
    sourceId: string;
    events: PricedPushEvent[];
  }): Promise<IngestEventsOutcome>;

  /** Number of stored events of a source. */
  countEvents(sourceId: string): Promise<number>;
}

/**
 * Imported FOCUS files stored as received; the `ai_cost_usage` rows of their
 * days are recomputed from every stored row of the source in the same
 * transaction, so a re-imported file changes nothing.
 */
export interface FocusFileStore {
  /**
   * Stores a FOCUS file for a source (kind `focus`) and recomputes the usage
   * of its days, checking that the stored rows and usage add up to the file
   * to the micro-unit. A file whose content is already stored (under any
   * id) is a duplicate; an id stored with other content is a conflict unless
   * `replace` is set.
   */
  importFocusFile(input: FocusFileInput): Promise<FocusImportOutcome>;

  listFocusFiles(sourceId: string): Promise<FocusFileInfo[]>;
}

/** Persistence of pushed usage: gateway events and FOCUS files. */
export type PushStore = GatewayEventStore & FocusFileStore;
