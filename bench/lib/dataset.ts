/**
 * Deterministic synthetic data: five billing sources with 180 days of usage
 * each, and catalogs of any size whose annotations claim that usage.
 *
 * The claimable ids (api keys, projects, accounts, gateway teams) form a
 * universe that depends on the scale only, never on the catalog size, so a
 * 10,000-entity catalog and a 2,000-entity one both claim the same usage
 * (smaller catalogs simply give each component more keys). About 3% of api
 * keys are claimed by no component and one project in 50 by no system, so a
 * little spend ends up unallocated, as in a real organisation.
 */
import {
  RELATION_CHILD_OF,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  type Entity,
} from '@backstage/catalog-model';
import { addDays, daysInclusive } from '@ai-cost/plugin-ai-cost-common';
import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import { pick, seeded, type Rng } from './prng';

/** The last day of synthetic usage and the number of days before it. */
export const LAST_DAY = '2026-10-31';
export const DAYS = 180;
export const FIRST_DAY = addDays(LAST_DAY, -(DAYS - 1));
/** Run window: 180 days = 5 runs of 36 days, about the engine's 35-day lookback. */
export const RUN_DAYS = 36;

type SourceKind = 'keyed' | 'account' | 'gateway';

export interface BenchSource {
  id: string;
  provider: string;
  kind: SourceKind;
  prefix: string;
  models: string[];
}

export const SOURCES: BenchSource[] = [
  {
    id: 'openai-prod',
    provider: 'openai',
    kind: 'keyed',
    prefix: 'op',
    models: [
      'gpt-4o',
      'gpt-4o-mini',
      'gpt-4.1',
      'gpt-4.1-mini',
      'o3',
      'o4-mini',
    ],
  },
  {
    id: 'openai-research',
    provider: 'openai',
    kind: 'keyed',
    prefix: 'or',
    models: ['gpt-4o', 'gpt-4.1', 'o3', 'o3-pro', 'gpt-4.1-nano', 'o4-mini'],
  },
  {
    id: 'anthropic-prod',
    provider: 'anthropic',
    kind: 'keyed',
    prefix: 'an',
    models: [
      'claude-sonnet-4-20250514',
      'claude-opus-4-20250514',
      'claude-3-5-haiku-20241022',
      'claude-3-7-sonnet-20250219',
      'claude-sonnet-4-5',
      'claude-haiku-4-5',
    ],
  },
  {
    id: 'aws-bedrock',
    provider: 'aws',
    kind: 'account',
    prefix: 'aws',
    models: [
      'anthropic.claude-3-5-sonnet-20241022-v2:0',
      'amazon.nova-pro-v1:0',
      'meta.llama3-1-70b-instruct-v1:0',
      'cohere.command-r-plus-v1:0',
    ],
  },
  {
    // A LiteLLM proxy's spend logs, pulled daily (not the push route's `gateway` source).
    id: 'litellm-prod',
    provider: 'gateway',
    kind: 'gateway',
    prefix: 'gw',
    models: [
      'gpt-4o-mini',
      'claude-3-5-haiku-20241022',
      'gemini-2.0-flash',
      'mistral-large',
    ],
  },
];

const LINE_ITEMS = ['input', 'output', 'cached input'] as const;
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1'];

/**
 * The `environment` allocation tag: gateway apps state one as a provider
 * tag; Bedrock's eu-west-1 usage gets `staging` from a virtual tag
 * ({@link BENCH_ALLOCATION}); OpenAI and Anthropic spend carries none, so
 * coverage is partial as in a real organisation.
 */
export const ENVIRONMENTS = ['production', 'staging', 'development'];

/** The `aiCost.allocation` the bench app runs with. */
export const BENCH_ALLOCATION = {
  virtualTags: [
    {
      id: 'bedrock-eu-west-1-staging',
      tag: 'environment',
      value: 'staging',
      match: { provider: 'aws', region: 'eu-west-1' },
    },
  ],
};
/** Spreads each day's rows over a different part of the universe. */
const DAY_STRIDE = 7919;

/** Sizes of the synthetic organisation at a scale (1 = the full benchmark). */
export interface Universe {
  scale: number;
  /** Usage rows per source over the 180 days. */
  rowsPerSource: number;
  /** Api keys per keyed source. */
  keys: number;
  accounts: number;
  apps: number;
  /** Gateway teams; claimed by the first groups of every catalog. */
  teams: number;
  /** Entities of the attribution-rebuild catalog and of the query catalog. */
  largeCatalog: number;
  smallCatalog: number;
}

export function universe(scale: number): Universe {
  const smallCatalog = Math.max(40, Math.round(2000 * scale));
  return {
    scale,
    rowsPerSource: Math.max(DAYS * 12, Math.round(1_000_000 * scale)),
    keys: Math.max(30, Math.round(9000 * scale)),
    accounts: Math.max(5, Math.round(450 * scale)),
    apps: Math.max(10, Math.round(3000 * scale)),
    teams: orgShape(smallCatalog).groups,
    largeCatalog: Math.max(100, Math.round(10_000 * scale)),
    smallCatalog,
  };
}

/** Rows one source has on one day (the 180 days split the source's rows evenly). */
export function rowsOnDay(u: Universe, dayIndex: number): number {
  const base = Math.floor(u.rowsPerSource / DAYS);
  return base + (dayIndex < u.rowsPerSource % DAYS ? 1 : 0);
}

function amounts(rng: Rng, tokenKind: 'input' | 'output' | 'cached input') {
  const tokens = 1000 + pick(rng, 2_000_000);
  const cost = Math.round(rng() * rng() * 5_000_000); // up to $5 per row
  return {
    inputTokens: tokenKind === 'input' ? tokens : 0,
    outputTokens: tokenKind === 'output' ? Math.round(tokens / 4) : 0,
    cachedInputTokens: tokenKind === 'cached input' ? tokens : 0,
    requests: tokenKind === 'input' ? 1 + pick(rng, 5000) : 0,
    cost,
  };
}

/**
 * The usage one source reports for one day. Rows enumerate distinct
 * combinations of the source's dimensions, so no two share a natural key.
 * `salt` changes the amounts only (a provider restating a day).
 */
export function usageOfDay(
  u: Universe,
  source: BenchSource,
  dayIndex: number,
  salt = '',
): UsageRecord[] {
  const date = addDays(FIRST_DAY, dayIndex);
  const rng = seeded(u.scale, source.id, dayIndex, salt);
  const rows = rowsOnDay(u, dayIndex);
  const models = source.models;
  const out: UsageRecord[] = [];
  for (let j = 0; j < rows; j++) {
    if (source.kind === 'keyed') {
      const li = LINE_ITEMS[j % 3];
      const q =
        (Math.floor(j / 3) + dayIndex * DAY_STRIDE) % (u.keys * models.length);
      const key = q % u.keys;
      const model = models[Math.floor(q / u.keys)];
      const a = amounts(rng, li);
      out.push({
        date,
        projectId: `proj-${source.prefix}-${Math.floor(key / 6)}`,
        apiKeyId: `key-${source.prefix}-${key}`,
        model,
        lineItem: `${model}, ${li}`,
        ...a,
        currency: 'USD',
        costKind: 'billed',
        estimatedCost: Math.round(a.cost * (0.9 + 0.2 * rng())),
      });
    } else if (source.kind === 'account') {
      const li = j % 2 === 0 ? 'input' : 'output';
      const combos = u.accounts * REGIONS.length * models.length;
      const q = (Math.floor(j / 2) + dayIndex * DAY_STRIDE) % combos;
      const account = q % u.accounts;
      const region = REGIONS[Math.floor(q / u.accounts) % REGIONS.length];
      const model = models[Math.floor(q / (u.accounts * REGIONS.length))];
      out.push({
        date,
        accountId: String(100_000_000_000 + account),
        region,
        model,
        lineItem: `${region}-${model}-${li}-tokens`,
        ...amounts(rng, li),
        currency: 'USD',
        costKind: 'billed',
      });
    } else {
      const hour = j % 24;
      const q =
        (Math.floor(j / 24) + dayIndex * DAY_STRIDE) % (u.apps * models.length);
      const app = q % u.apps;
      const a = amounts(rng, 'input');
      out.push({
        date,
        hour,
        tags: {
          app: `app-${app}`,
          environment: ENVIRONMENTS[app % ENVIRONMENTS.length],
          team: `team-${app % u.teams}`,
        },
        model: models[Math.floor(q / u.apps)],
        ...a,
        outputTokens: Math.round(a.inputTokens / 5),
        currency: 'USD',
        costKind: 'estimated',
        estimatedCost: a.cost,
      });
    }
  }
  return out;
}

/** The runs that ingest a source's 180 days: consecutive 36-day windows. */
export function runWindows(): Array<{ from: number; to: number }> {
  const windows = [];
  for (let from = 0; from < DAYS; from += RUN_DAYS) {
    windows.push({ from, to: Math.min(DAYS, from + RUN_DAYS) - 1 });
  }
  return windows;
}

export function usageOfWindow(
  u: Universe,
  source: BenchSource,
  window: { from: number; to: number },
  salt = '',
): { records: UsageRecord[]; from: string; to: string } {
  const records: UsageRecord[] = [];
  for (let d = window.from; d <= window.to; d++) {
    for (const r of usageOfDay(u, source, d, salt)) records.push(r);
  }
  return {
    records,
    from: addDays(FIRST_DAY, window.from),
    to: addDays(FIRST_DAY, window.to),
  };
}

/**
 * The records of `usageOfWindow` for a window of dates, in pages of
 * `pageSize` as a provider reading a paginated API yields them: a day is
 * generated when its first page is asked for, so only one day is held.
 */
export function* usagePages(
  u: Universe,
  source: BenchSource,
  window: { from: string; to: string },
  pageSize: number,
  salt = '',
): Generator<UsageRecord[]> {
  const first = daysInclusive(FIRST_DAY, window.from) - 1;
  const last = daysInclusive(FIRST_DAY, window.to) - 1;
  for (let d = first; d <= last; d++) {
    const records = usageOfDay(u, source, d, salt);
    for (let i = 0; i < records.length; i += pageSize) {
      yield records.slice(i, i + pageSize);
    }
  }
}

/** How many entities of each kind a catalog of `n` entities has. */
export function orgShape(n: number) {
  const groups = Math.max(2, Math.round(n * 0.04));
  const domains = Math.max(1, Math.round(n * 0.005));
  const systems = Math.max(1, Math.round(n * 0.05));
  return {
    groups,
    domains,
    systems,
    components: n - groups - domains - systems,
  };
}

const pad = (i: number) => String(i).padStart(5, '0');
export const groupRef = (i: number) => `group:default/team-${pad(i)}`;
const domainRef = (i: number) => `domain:default/domain-${pad(i)}`;
const systemRef = (i: number) => `system:default/system-${pad(i)}`;
const componentRef = (i: number) => `component:default/svc-${pad(i)}`;

/** Depth of group `i` in the 5-ary group tree (0 = the root). */
export function groupDepth(i: number): number {
  let depth = 0;
  for (let g = i; g > 0; g = Math.floor((g - 1) / 5)) depth++;
  return depth;
}

function entity(
  ref: string,
  relations: Array<[string, string | undefined]>,
  annotations: Record<string, string>,
): Entity {
  const [kind, rest] = ref.split(':');
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: kind[0].toUpperCase() + kind.slice(1),
    metadata: {
      name: rest.split('/')[1],
      namespace: 'default',
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    relations: relations
      .filter((r): r is [string, string] => r[1] !== undefined)
      .map(([type, targetRef]) => ({ type, targetRef })),
  };
}

/** Every `i` in [0, total) with `i % n === r`, filtered. */
function residues(
  total: number,
  n: number,
  r: number,
  keep: (i: number) => boolean,
) {
  const out: number[] = [];
  for (let i = r; i < total; i += n) if (keep(i)) out.push(i);
  return out;
}

/**
 * A catalog of `n` entities: a 5-ary tree of groups, domains, systems that
 * claim projects and accounts, components that claim api keys, and groups
 * that claim gateway teams by tag.
 */
export function buildCatalog(u: Universe, n: number): Entity[] {
  const shape = orgShape(n);
  const projects = Math.ceil(u.keys / 6);
  const entities: Entity[] = [];
  const list = (values: string[]) => values.join(',');

  for (let g = 0; g < shape.groups; g++) {
    const annotations: Record<string, string> = {};
    if (g < u.teams) annotations['ai-cost/gateway-tags'] = `team=team-${g}`;
    entities.push(
      entity(
        groupRef(g),
        [
          [
            RELATION_CHILD_OF,
            g > 0 ? groupRef(Math.floor((g - 1) / 5)) : undefined,
          ],
        ],
        annotations,
      ),
    );
  }
  for (let d = 0; d < shape.domains; d++) {
    entities.push(
      entity(
        domainRef(d),
        [[RELATION_OWNED_BY, groupRef(d % shape.groups)]],
        {},
      ),
    );
  }
  for (let s = 0; s < shape.systems; s++) {
    const owned = residues(projects, shape.systems, s, p => p % 50 !== 0);
    const accounts = residues(u.accounts, shape.systems, s, () => true);
    const annotations: Record<string, string> = {};
    if (owned.length) {
      annotations['ai-cost/openai-project-id'] = list(
        owned.flatMap(p => [`proj-op-${p}`, `proj-or-${p}`]),
      );
      annotations['ai-cost/anthropic-workspace-id'] = list(
        owned.map(p => `proj-an-${p}`),
      );
    }
    if (accounts.length) {
      annotations['ai-cost/aws-account-id'] = list(
        accounts.map(a => String(100_000_000_000 + a)),
      );
    }
    entities.push(
      entity(
        systemRef(s),
        [
          [RELATION_OWNED_BY, groupRef(s % shape.groups)],
          [RELATION_PART_OF, domainRef(s % shape.domains)],
        ],
        annotations,
      ),
    );
  }
  for (let c = 0; c < shape.components; c++) {
    const keys = residues(u.keys, shape.components, c, k => k % 33 !== 0);
    const annotations: Record<string, string> = {};
    if (keys.length) {
      annotations['ai-cost/openai-api-key-id'] = list(
        keys.flatMap(k => [`key-op-${k}`, `key-or-${k}`]),
      );
      annotations['ai-cost/anthropic-api-key-id'] = list(
        keys.map(k => `key-an-${k}`),
      );
    }
    entities.push(
      entity(
        componentRef(c),
        [
          [RELATION_OWNED_BY, groupRef((c * 7) % shape.groups)],
          [RELATION_PART_OF, systemRef(c % shape.systems)],
        ],
        annotations,
      ),
    );
  }
  return entities;
}

/** The groups `GET /costs` is asked about: second-level teams with sub-teams. */
export function costsTargets(n: number): string[] {
  const { groups } = orgShape(n);
  const targets = [];
  for (let g = 0; g < groups; g++)
    if (groupDepth(g) === 2) targets.push(groupRef(g));
  if (targets.length === 0)
    for (let g = 1; g < groups; g++) targets.push(groupRef(g));
  return targets;
}
