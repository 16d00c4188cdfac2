import type { LoggerService } from '@backstage/backend-plugin-api';
import { ForwardedError, InputError } from '@backstage/errors';
import {
  microsToNumber,
  type FocusImportResponse,
  type FocusInclude,
  type ImportLineMessage,
  type IngestEventsResponse,
  type PushEventFormat,
  type RejectedEvent,
} from '@ai-cost/plugin-ai-cost-common';
import {
  DEFAULT_CLASSIFICATION_RULES,
  rulesFingerprint,
  type ClassificationRules,
  type PricingService,
} from '@ai-cost/plugin-ai-cost-node';
import type { Attributor } from '../attribution/Attributor';
import { AttributionRounds } from './AttributionRounds';
import type { PushStore } from '../database';
import { convertMicros } from '../currency/convertMicros';
import { ExchangeRates, missingRateMessage } from '../currency/ExchangeRates';
import type { CsvRecord } from './csv';
import { importReadError, invalidLinesError } from './importErrors';
import { normalizerFor } from './events';
import {
  FocusColumns,
  FocusFileError,
  mapFocusRow,
  type FocusRow,
} from './focus';
import { classifyFocusRow } from './focusClassification';
import { SkippedRows } from './skippedRows';
import { pricePushEvent, type PricedPushEvent } from './pricing';
import type { PushSettings } from './settings';
import { daysInWindows } from './windows';

/** Line messages kept in an error or warning list; the rest are counted. */
const MAX_LINE_MESSAGES = 100;

/**
 * Pushed usage: validates, prices and stores gateway event batches and
 * FOCUS files, then re-attributes the days they touched. Domain logic only:
 * the routes in `service/pushRoutes.ts` do HTTP, the store does SQL.
 */
export class PushIngestService {
  readonly #tagKeys?: ReadonlySet<string>;
  /** Re-attributions after event batches, shared by the batches in flight. */
  readonly #rounds = new AttributionRounds((sourceId, days) =>
    this.attributeDays(sourceId, days),
  );

  constructor(
    private readonly options: {
      store: PushStore;
      pricing: PricingService;
      /** The reporting currency, `aiCost.currency`. */
      currency: string;
      attributor: Pick<Attributor, 'attributeSource'>;
      /**
       * Records that post-attribution work (budget alerts, anomalies) is
       * due; the post-attribution task coalesces however many pushes ask.
       */
      afterAttribution?: () => Promise<void>;
      logger: LoggerService;
      settings: PushSettings;
      /** What FOCUS imports keep as AI spend; default the shipped rules. */
      classification?: ClassificationRules;
      /** The known exchange rates, for FOCUS files billed in another currency. */
      exchangeRates?: { rates(): Promise<ExchangeRates> };
      now?: () => Date;
    },
  ) {
    this.#tagKeys = options.settings.tagKeys
      ? new Set(options.settings.tagKeys)
      : undefined;
  }

  get settings(): PushSettings {
    return this.options.settings;
  }

  /**
   * Stores a batch of events. Partial by design: each invalid event is
   * reported by index and field while the valid ones are stored, as
   * OpenTelemetry's partial success does, so one bad event never holds back
   * a gateway's batch. Idempotent by event id: a re-sent batch stores
   * nothing new and only re-attributes its days (which heals a batch whose
   * attribution failed).
   */
  async ingestEvents(request: {
    format: PushEventFormat;
    events: unknown[];
  }): Promise<IngestEventsResponse> {
    const { store, pricing, currency, settings } = this.options;
    const { format, events } = request;
    if (events.length > settings.maxEventsPerBatch) {
      throw new InputError(
        `events: too many events in one batch (${events.length}); at most ${settings.maxEventsPerBatch} are accepted (aiCost.push.maxEventsPerBatch), split the batch`,
      );
    }
    const normalize = normalizerFor(format);
    const now = this.options.now?.() ?? new Date();
    const rejected: RejectedEvent[] = [];
    const valid: Array<{ index: number; event: PricedPushEvent }> = [];
    events.forEach((input, index) => {
      const result = normalize(input, {
        currency,
        now,
        tagKeys: this.#tagKeys,
      });
      if (result.ok) {
        valid.push({
          index,
          event: pricePushEvent(result.event, pricing, currency),
        });
      } else {
        for (const p of result.problems) {
          const where = p.field === 'event' ? '' : `.${p.field}`;
          rejected.push({
            index,
            field: p.field,
            message: `events[${index}]${where}: ${p.message}`,
          });
        }
      }
    });

    await this.rejectUnconvertible(valid, rejected);

    const { sourceId } = settings;
    const outcome =
      valid.length > 0
        ? await this.#rounds.storing(
            sourceId,
            store.ingestEvents({ sourceId, events: valid.map(v => v.event) }),
          )
        : { outcomes: [] };
    let accepted = 0;
    let duplicates = 0;
    const days = new Set<string>();
    const idField = format === 'litellm' ? 'request_id' : 'id';
    outcome.outcomes.forEach((result, i) => {
      const { index, event } = valid[i];
      if (result === 'conflict') {
        rejected.push({
          index,
          field: idField,
          message: `events[${index}].${idField}: ${JSON.stringify(
            event.eventId,
          )} was already stored with other content; stored events never change, send a correction under a new id`,
        });
        return;
      }
      if (result === 'accepted') accepted += 1;
      else duplicates += 1;
      days.add(event.date);
    });
    rejected.sort((a, b) => a.index - b.index);

    const sortedDays = [...days].sort();
    await this.reattribute(
      sourceId,
      sortedDays,
      'The events were stored',
      this.#rounds,
    );
    if (accepted > 0 || rejected.length > 0) {
      this.options.logger.info(
        `Push to ${sourceId}: ${accepted} ${format} event(s) accepted, ${duplicates} duplicate(s), ${rejected.length} problem(s)`,
      );
    }
    return {
      sourceId,
      format,
      accepted,
      duplicates,
      rejected,
      days: sortedDays,
    };
  }

  /**
   * Imports a FOCUS file. Atomic by design: a bill either reconciles as a
   * whole or is not imported, so a file with any invalid row stores nothing
   * and the 400 lists every invalid line (`error.lines`). Idempotent per
   * file and row: the same content again changes nothing. Only AI spend is
   * imported (see `classification/`) unless `include` is `all`; the rows
   * left out are counted per service in the answer and the import record.
   */
  async importFocus(request: {
    sourceId: string;
    fileId?: string;
    replace: boolean;
    /** `ai` (default): only rows classified as AI spend; `all`: every row. */
    include?: FocusInclude;
    upload: { records: AsyncIterable<CsvRecord>; sha256(): string };
    importedBy: string;
  }): Promise<FocusImportResponse> {
    const { currency } = this.options;
    const include = request.include ?? 'ai';
    const rules = this.options.classification ?? DEFAULT_CLASSIFICATION_RULES;
    const rows: FocusRow[] = [];
    /** The line of each kept row. */
    const lines: number[] = [];
    const skipped = new SkippedRows();
    const skippedRows: Array<{ row: FocusRow; line: number }> = [];
    let dataRows = 0;
    const errors: ImportLineMessage[] = [];
    const warnings: ImportLineMessage[] = [];
    let errorCount = 0;
    let warningCount = 0;
    let columns: FocusColumns | undefined;
    try {
      for await (const record of request.upload.records) {
        if (!columns) {
          columns = FocusColumns.fromHeader(record);
          continue;
        }
        const nul = record.fields.findIndex(field => field.includes('\u0000'));
        const result =
          nul >= 0
            ? {
                ok: false as const,
                errors: [
                  `line ${record.line}: ${
                    columns.nameOf(nul) ?? `field ${nul + 1}`
                  } contains a NUL (U+0000) character`,
                ],
              }
            : mapFocusRow(record, columns, { currency });
        if (!result.ok) {
          errorCount += result.errors.length;
          for (const message of result.errors) {
            if (errors.length < MAX_LINE_MESSAGES) {
              errors.push({ line: record.line, message });
            }
          }
          continue;
        }
        dataRows += 1;
        const itemClass = classifyFocusRow(record, columns, result.row, rules);
        if (include === 'ai' && !itemClass.ai) {
          // Counted once converted into the reporting currency (below).
          skippedRows.push({ row: result.row, line: record.line });
          continue;
        }
        // GPU and accelerator compute on a cloud bill is self-hosted AI.
        if (itemClass.ai && itemClass.reason === 'accelerator') {
          result.row.category = 'self-hosted';
        }
        rows.push(result.row);
        lines.push(record.line);
        warningCount += result.warnings.length;
        for (const message of result.warnings) {
          if (warnings.length < MAX_LINE_MESSAGES) {
            warnings.push({ line: record.line, message });
          }
        }
      }
    } catch (error) {
      throw importReadError(error, [FocusFileError]);
    }
    if (!columns) {
      throw new InputError(
        'The file is empty; expected a FOCUS header line and rows',
      );
    }
    if (errorCount > 0) {
      throw invalidLinesError('The FOCUS file', errorCount, errors);
    }

    // Skipped rows are reported in the reporting currency too, so they need
    // a rate as well: never a sum of two currencies.
    const inReporting = await this.focusConverter(
      [...rows, ...skippedRows.map(s => s.row)],
      [...lines, ...skippedRows.map(s => s.line)],
    );
    for (const { row } of skippedRows) {
      skipped.add({ ...row, billedCost: inReporting(row, row.billedCost)! });
    }

    const sha256 = request.upload.sha256();
    const outcome = await this.options.store.importFocusFile({
      sourceId: request.sourceId,
      fileId: request.fileId ?? `sha256:${sha256}`,
      sha256,
      rows,
      replace: request.replace,
      importedBy: request.importedBy,
      selection: include === 'all' ? 'all' : `ai:${rulesFingerprint(rules)}`,
      skipped: skipped.summary(),
    });
    await this.reattribute(
      request.sourceId,
      outcome.days,
      'The file was imported',
    );
    this.options.logger.info(
      `FOCUS import to ${request.sourceId}: file ${outcome.fileId} ${outcome.status}, ${outcome.rowsImported} row(s), ${skipped.rows} row(s) skipped as not AI spend`,
    );

    const sum = (pick: (row: FocusRow) => number | null) =>
      rows.reduce((total, row) => total + (pick(row) ?? 0), 0);
    // In the reporting currency: rows billed in another one converted row
    // by row (the usage table converts per day and dimension, so its sums
    // may differ from these by rounding, at most half a micro-unit a row).
    const total = (pick: (row: FocusRow) => number | null) =>
      sum(row => inReporting(row, pick(row)));
    const billed = sum(r => r.billedCost);
    if (outcome.storedBilledCost !== billed) {
      throw new Error(
        `FOCUS file ${outcome.fileId}: stored rows sum to ${outcome.storedBilledCost} micro-units, the file to ${billed}`,
      );
    }
    const days = rows.map(r => r.date).sort();
    return {
      sourceId: request.sourceId,
      fileId: outcome.fileId,
      sha256,
      status: outcome.status,
      rows: dataRows,
      rowsImported: outcome.rowsImported,
      currency,
      totals: {
        billedCost: microsToNumber(total(r => r.billedCost)),
        effectiveCost: microsToNumber(total(r => r.effectiveCost)),
        listCost: microsToNumber(total(r => r.listCost)),
        credits: microsToNumber(total(r => Math.min(r.billedCost, 0))),
      },
      from: days[0] ?? null,
      to: days[days.length - 1] ?? null,
      warnings,
      warningCount,
      include,
      skipped: skipped.toResponse(),
    };
  }

  /**
   * Moves the events whose cost was given in another currency than the
   * reporting one, with no exchange rate for their day, from `valid` to
   * `rejected` (naming the currency field, the currency and the day): they
   * could not be converted when stored, and one of them must not hold back
   * the rest of the batch.
   */
  private async rejectUnconvertible(
    valid: Array<{ index: number; event: PricedPushEvent }>,
    rejected: RejectedEvent[],
  ): Promise<void> {
    const { currency } = this.options;
    if (valid.every(({ event }) => event.currency === currency)) return;
    const rates =
      (await this.options.exchangeRates?.rates()) ?? new ExchangeRates();
    const keep = valid.filter(({ index, event }) => {
      if (event.currency === currency) return true;
      if (rates.rateFor(event.currency, event.date) !== undefined) return true;
      const field = event.givenCurrency?.field ?? 'event';
      rejected.push({
        index,
        field,
        message: `events[${index}].${field}: ${missingRateMessage(
          event.currency,
          event.date,
        )}`,
      });
      return false;
    });
    valid.splice(0, valid.length, ...keep);
  }

  /**
   * Checks that every row billed in another currency than the reporting one
   * has a rate for its day, and answers how to convert a row's amount for
   * the response totals. Rows without a rate refuse the whole file, naming
   * currency, day and lines; nothing is stored.
   */
  private async focusConverter(
    rows: FocusRow[],
    lines: number[],
  ): Promise<(row: FocusRow, micros: number | null) => number | null> {
    const { currency } = this.options;
    if (rows.every(row => row.currency === currency)) {
      return (_row, micros) => micros;
    }
    const rates =
      (await this.options.exchangeRates?.rates()) ?? new ExchangeRates();
    const missing = new Map<string, number[]>();
    rows.forEach((row, i) => {
      if (row.currency === currency) return;
      if (rates.rateFor(row.currency, row.date) !== undefined) return;
      const message = missingRateMessage(row.currency, row.date);
      missing.set(message, [...(missing.get(message) ?? []), lines[i]]);
    });
    if (missing.size > 0) {
      for (const at of missing.values()) at.sort((x, y) => x - y);
      const problems = [...missing].map(
        ([message, at]) =>
          `${message}: line${at.length > 1 ? 's' : ''} ${at
            .slice(0, 20)
            .join(', ')}${at.length > 20 ? ` and ${at.length - 20} more` : ''}`,
      );
      throw Object.assign(
        new InputError(
          `The FOCUS file has amounts in a currency with no exchange rate for their day; nothing was imported. ${problems
            .slice(0, 20)
            .join('; ')}`,
        ),
        {
          lines: [...missing]
            .flatMap(([message, at]) =>
              at.map(line => ({ line, message: `line ${line}: ${message}` })),
            )
            .sort((a, b) => a.line - b.line)
            .slice(0, MAX_LINE_MESSAGES),
        },
      );
    }
    return (row, micros) =>
      micros === null || row.currency === currency
        ? micros
        : convertMicros(micros, rates.rateFor(row.currency, row.date)!);
  }

  /**
   * Re-attributes the days of a source a window at a time; through `rounds`
   * (event batches), in a round shared with the source's other pushes in
   * flight. Stored data is already committed: a failure answers 500 and
   * sending the same batch or file again re-attributes it.
   */
  private async reattribute(
    sourceId: string,
    days: string[],
    done: string,
    rounds?: AttributionRounds,
  ) {
    if (days.length === 0) return;
    try {
      if (rounds) await rounds.request(sourceId, days);
      else await this.attributeDays(sourceId, days);
    } catch (error) {
      throw new ForwardedError(
        `${done}, but attributing the affected days failed; send the same request again to retry`,
        error,
      );
    }
  }

  /**
   * Re-attributes the days alone (not the days between them: a push's usage
   * groups are read from raw usage and its days get versions of their own,
   * so page views read again only those days), then records that
   * post-attribution work is due.
   */
  private async attributeDays(sourceId: string, days: string[]) {
    for (const { days: ofWindow, ...window } of daysInWindows(days)) {
      await this.options.attributor.attributeSource(sourceId, window, ofWindow);
    }
    await this.options.afterAttribution?.();
  }
}
