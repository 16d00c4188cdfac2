import {
  addDays,
  csvLine,
  eachDay,
  microsToDecimalString,
} from '@ai-cost/plugin-ai-cost-common';
import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import type { EntityGraph } from '../attribution/EntityGraph';
import type {
  AmountsRow,
  AttributionStore,
  OriginalCostSum,
  UnallocatedAmounts,
} from '../database';
import { SPLIT_RULE_DIMENSION } from '../attribution/attributeUsage';
import { subtreeVisibility, type VisibilityCheck } from './visibility';

const HEADER = [
  'date',
  'entity_ref',
  'owner',
  'system',
  'domain',
  'provider',
  'model',
  'api_key_id',
  'cost',
  'estimated_cost',
  'currency',
  'input_tokens',
  'cached_input_tokens',
  'cache_write_tokens',
  'output_tokens',
  'requests',
  'unallocated_dimension',
  'unallocated_value',
  'split_rule',
  'original_cost',
  'original_currency',
];

/** The header: fixed columns, then a `tag_<key>` column per allocation tag. */
function header(tagKeys: string[]): string[] {
  return [...HEADER, ...tagKeys.map(key => `tag_${key}`)];
}

/**
 * The `split_rule`, `original_cost`, `original_currency` and tag columns of
 * a line. The original amount and currency are those of spend billed in
 * another currency and converted (DESIGN §9.3); empty otherwise.
 */
function allocationColumns(
  tagKeys: string[],
  splitRuleId: string,
  allocationTags: string | undefined,
  original?: { originalCurrency?: string | null; originalCost?: number },
): string[] {
  const tags: Record<string, string> = allocationTags
    ? JSON.parse(allocationTags)
    : {};
  const converted = Boolean(original?.originalCurrency);
  return [
    splitRuleId,
    converted ? microsToDecimalString(original?.originalCost ?? 0) : '',
    converted ? original!.originalCurrency! : '',
    ...tagKeys.map(key => tags[key] ?? ''),
  ];
}

/** `entity_ref` of the line that folds the spend of descendants the caller cannot see. */
export const NOT_VISIBLE_TO_YOU = '(not visible to you)';

/** The columns of `ai_cost_daily` an entity line is summed by. */
const ENTITY_LINE_COLUMNS = [
  'date',
  'entityRef',
  'provider',
  'model',
  'apiKeyId',
  'splitRuleId',
  'allocationTags',
  'originalCurrency',
] as const;

/** Days read and written per step: bounds the memory an export holds. */
const DAYS_PER_PAGE = 7;

type EntityLine = AmountsRow<(typeof ENTITY_LINE_COLUMNS)[number]> &
  OriginalCostSum;
type HiddenLine = AmountsRow<'date'>;
type UnallocatedLine = Record<
  'date' | 'provider' | 'dimension' | 'value' | 'model' | 'allocationTags',
  string
> &
  UnallocatedAmounts & {
    originalCurrency: string | null;
    originalCost: number;
  };

/** The lines of some days of the export, before they are written. */
interface Page {
  attributed: EntityLine[];
  hidden: HiddenLine[];
  unallocated: UnallocatedLine[];
}

type PageReader = (days: UsageWindow) => Promise<Page>;

/**
 * Showback / chargeback CSV: per day, one line per entity, provider, model,
 * API key, split rule and allocation tag values with the entity's owner,
 * system and domain, the cost and the tokens; every tag value, unlike the
 * bounded page views. There is no project column: `ai_cost_daily` does not keep the
 * project (unallocated lines name it as their dimension and value).
 *
 * For an entity: the entity and the descendants the caller may see, each
 * with its own spend, and one `(not visible to you)` line per day for the
 * rest, so the lines sum to the entity's total. Without one (the
 * organisation): every entity, then the day's unallocated spend with an
 * empty `entity_ref` and the provider dimension and value that would claim
 * it, so the lines sum to the `/rollup` total.
 *
 * Who may see what is settled before it returns, so a failure answers
 * before any line is written; the lines then come a few days at a time.
 */
export async function exportCsv(options: {
  store: AttributionStore;
  graph: EntityGraph;
  currency: string;
  /** The allocation tags, a column each. */
  tagKeys: string[];
  window: UsageWindow;
  entity?: { entityRef: string; visible: VisibilityCheck };
}): Promise<AsyncIterable<string>> {
  const { store, graph, currency, window, entity, tagKeys } = options;
  const read = entity
    ? await entityPages(store, graph, window, entity)
    : organisationPages(store);
  return lines(read, window, { graph, currency, tagKeys });
}

/** What every line of one export is written with. */
interface LineContext {
  graph: EntityGraph;
  currency: string;
  tagKeys: string[];
}

async function entityPages(
  store: AttributionStore,
  graph: EntityGraph,
  window: UsageWindow,
  entity: { entityRef: string; visible: VisibilityCheck },
): Promise<PageReader> {
  const spenders = await store.sumAttributed({
    window,
    entityRefs: [entity.entityRef, ...graph.descendants(entity.entityRef)],
    groupBy: ['entityRef'],
  });
  const { shown, hidden } = await subtreeVisibility({
    entityRef: entity.entityRef,
    children: [],
    spenders: spenders.map(row => row.entityRef),
    visible: entity.visible,
  });
  return async days => ({
    attributed: await store.sumAttributed({
      window: days,
      entityRefs: shown,
      groupBy: [...ENTITY_LINE_COLUMNS],
    }),
    hidden:
      hidden.size > 0
        ? await store.sumAttributed({
            window: days,
            entityRefs: [...hidden],
            groupBy: ['date'],
          })
        : [],
    unallocated: [],
  });
}

function organisationPages(store: AttributionStore): PageReader {
  return async days => ({
    attributed: await store.sumAttributed({
      window: days,
      groupBy: [...ENTITY_LINE_COLUMNS],
    }),
    hidden: [],
    unallocated: await store.sumUnallocatedDaily(days),
  });
}

async function* lines(
  read: PageReader,
  window: UsageWindow,
  context: LineContext,
): AsyncGenerator<string> {
  yield csvLine(header(context.tagKeys));
  for (const days of pages(window)) {
    const page = await read(days);
    const attributed = byDate(page.attributed);
    const hidden = byDate(page.hidden);
    const unallocated = byDate(page.unallocated);
    let chunk = '';
    for (const date of eachDay(days.from, days.to)) {
      for (const row of (attributed.get(date) ?? []).sort(byEntityLine)) {
        chunk += entityLine(row, context);
      }
      for (const row of hidden.get(date) ?? []) {
        chunk += hiddenLine(row, context);
      }
      for (const row of (unallocated.get(date) ?? []).sort(byUnallocated)) {
        chunk += unallocatedLine(row, context);
      }
    }
    if (chunk) yield chunk;
  }
}

function entityLine(
  row: EntityLine,
  { graph, currency, tagKeys }: LineContext,
) {
  return csvLine([
    row.date,
    row.entityRef,
    graph.ownerOf(row.entityRef) ?? '',
    graph.systemOf(row.entityRef) ?? '',
    graph.domainOf(row.entityRef) ?? '',
    row.provider,
    row.model,
    row.apiKeyId,
    ...amounts(row, microsToDecimalString(row.estimatedOnly), currency),
    '',
    '',
    ...allocationColumns(tagKeys, row.splitRuleId, row.allocationTags, row),
  ]);
}

/** Spend of what the caller cannot see: no detail, tags included. */
function hiddenLine(row: HiddenLine, { currency, tagKeys }: LineContext) {
  return csvLine([
    row.date,
    NOT_VISIBLE_TO_YOU,
    '',
    '',
    '',
    '',
    '',
    '',
    ...amounts(row, microsToDecimalString(row.estimatedOnly), currency),
    '',
    '',
    ...allocationColumns(tagKeys, '', undefined),
  ]);
}

/**
 * Unallocated spend keeps no estimate share: its estimated_cost is empty. Its
 * api_key_id is the unclaimed key when that is what would claim it.
 */
function unallocatedLine(
  row: UnallocatedLine,
  { currency, tagKeys }: LineContext,
) {
  return csvLine([
    row.date,
    '',
    '',
    '',
    '',
    row.provider,
    row.model,
    row.dimension === 'apiKeyId' ? row.value : '',
    ...amounts(row, '', currency),
    row.dimension,
    row.value,
    ...allocationColumns(
      tagKeys,
      row.dimension === SPLIT_RULE_DIMENSION ? row.value : '',
      row.allocationTags,
      row,
    ),
  ]);
}

function byEntityLine(a: EntityLine, b: EntityLine): number {
  return (
    a.entityRef.localeCompare(b.entityRef) ||
    a.provider.localeCompare(b.provider) ||
    a.model.localeCompare(b.model) ||
    a.apiKeyId.localeCompare(b.apiKeyId) ||
    a.splitRuleId.localeCompare(b.splitRuleId) ||
    a.allocationTags.localeCompare(b.allocationTags) ||
    (a.originalCurrency ?? '').localeCompare(b.originalCurrency ?? '')
  );
}

function byUnallocated(a: UnallocatedLine, b: UnallocatedLine): number {
  return (
    a.provider.localeCompare(b.provider) ||
    a.dimension.localeCompare(b.dimension) ||
    a.value.localeCompare(b.value) ||
    a.model.localeCompare(b.model) ||
    a.allocationTags.localeCompare(b.allocationTags) ||
    (a.originalCurrency ?? '').localeCompare(b.originalCurrency ?? '')
  );
}

/** cost, estimated_cost, currency and the token and request counts. */
function amounts(
  row: UnallocatedAmounts,
  estimatedCost: string,
  currency: string,
): Array<string | number> {
  return [
    microsToDecimalString(row.cost),
    estimatedCost,
    currency,
    row.inputTokens,
    row.cachedInputTokens,
    row.cacheWriteTokens,
    row.outputTokens,
    row.requests,
  ];
}

/** The window in steps of {@link DAYS_PER_PAGE} days. */
function* pages(window: UsageWindow): Generator<UsageWindow> {
  for (let from = window.from; from <= window.to; ) {
    const last = addDays(from, DAYS_PER_PAGE - 1);
    const to = last < window.to ? last : window.to;
    yield { from, to };
    from = addDays(to, 1);
  }
}

function byDate<T extends { date: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.date) ?? [];
    list.push(row);
    out.set(row.date, list);
  }
  return out;
}
