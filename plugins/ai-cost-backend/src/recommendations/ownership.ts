import { createHash } from 'node:crypto';
import { formatMoney } from '@ai-cost/plugin-ai-cost-common';
import { claimAnnotationFor, type Claim } from '../attribution/claims';
import type { Finding } from './types';
import { WINDOW_DAYS, count, mainWindow, money } from './usageMath';

/** Unclaimed spend of one provider dimension over the 30-day window; micro-units. */
export interface UnallocatedSpend {
  provider: string;
  dimension: string;
  value: string;
  cost: number;
  requests: number;
}

/** Who had traffic in the 30-day window, from attributed spend. */
export interface ClaimTraffic {
  /** Providers with any attributed or unallocated spend: their sources deliver data. */
  providers: Set<string>;
  /** `provider\u0000apiKeyId` of every key with attributed traffic. */
  apiKeys: Set<string>;
  /** `entityRef\u0000provider` of every entity with attributed traffic from a provider. */
  entityProviders: Set<string>;
}

export const OWNERSHIP = {
  /** Unallocated spend below this over 30 days is not worth a finding: $1. */
  minOwnerlessCost: 1_000_000,
};

/** Fingerprints fit the 255-character column; long resource ids are hashed. */
export function fingerprintOf(parts: string[]): string {
  const text = parts.join(':');
  if (text.length <= 200) return text;
  const hash = createHash('sha256').update(text).digest('hex');
  return `${text.slice(0, 120)}…#${hash}`;
}

function annotationLine(annotation: string, value: string) {
  return `${annotation}: ${JSON.stringify(value)}`;
}

/**
 * Ownerless spend: every provider dimension with unallocated spend of at
 * least $1 in 30 days becomes an org-level finding (entity ''), with the
 * annotation that would claim it. Spend the provider reports without any
 * claimable dimension (`none`) cannot be claimed and is left out.
 * Claiming moves spend to an owner, it does not reduce it: the estimated
 * saving is 0 and the claimable amount is reported as evidence
 * (`claimableMonthlySpend`).
 */
export function findOwnerlessSpend(
  rows: UnallocatedSpend[],
  context: { asOf: string; currency: string },
): Finding[] {
  const { from, to } = mainWindow(context.asOf);
  const findings: Finding[] = [];
  for (const row of rows) {
    if (row.dimension === 'none' || !row.value) continue;
    if (row.cost < OWNERSHIP.minOwnerlessCost) continue;
    const annotation = claimAnnotationFor(row.provider, row.dimension);
    if (!annotation) continue;
    const fmt = formatMoney(row.cost, context.currency);
    findings.push({
      entityRef: '',
      rule: 'ownerless-spend',
      fingerprint: fingerprintOf([row.provider, row.dimension, row.value]),
      title: `${fmt} of ${row.provider} spend has no owner (${row.dimension} ${row.value})`,
      description:
        `No catalog entity claims ${row.provider} ${row.dimension} ` +
        `"${row.value}", so ${fmt} spent in the last ${WINDOW_DAYS} days ` +
        `shows up as unallocated and no budget or owner sees it. Add ` +
        `${annotationLine(annotation, row.value)} to the owning entity's ` +
        `catalog-info.yaml. Claiming does not lower the bill; it gives the ` +
        `spend an owner who can.`,
      evidence: {
        provider: row.provider,
        dimension: row.dimension,
        value: row.value,
        claimingAnnotation: annotation,
        annotationSnippet: annotationLine(annotation, row.value),
        windowFrom: from,
        windowTo: to,
        unallocatedCost: money(row.cost),
        requests: count(row.requests),
        claimableMonthlySpend: money(row.cost),
        savingsBasis:
          'none: claiming assigns an owner; it does not change the price',
      },
      estimatedMonthlySavings: 0,
      confidence: 'high',
    });
  }
  return findings;
}

/**
 * Idle claims: annotations that claimed no traffic in 30 days, on a
 * provider whose sources do deliver data (a provider without any data says
 * nothing about its keys). An api key claim is idle when no attributed spend
 * carries the key: exact, high confidence. Attributed spend is not kept per
 * project, account, resource or tag, so such a claim is idle when its entity
 * had no traffic from the provider at all: medium confidence, and a claim
 * idle next to a busy one of the same entity goes unnoticed. An unused key
 * costs nothing: the saving is 0, the finding is hygiene (revoke the key or
 * drop the annotation).
 */
export function findIdleClaims(
  claims: Claim[],
  traffic: ClaimTraffic,
  context: { asOf: string },
): Finding[] {
  const { from, to } = mainWindow(context.asOf);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const claim of claims) {
    if (!traffic.providers.has(claim.provider)) continue;
    const isKey = claim.dimension === 'apiKeyId';
    const idle = isKey
      ? !traffic.apiKeys.has(`${claim.provider}\u0000${claim.value}`)
      : !traffic.entityProviders.has(
          `${claim.entityRef}\u0000${claim.provider}`,
        );
    if (!idle) continue;
    const fingerprint = fingerprintOf([
      claim.provider,
      claim.dimension,
      claim.value,
    ]);
    const key = `${claim.entityRef}\u0000${fingerprint}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const what = isKey ? 'API key' : claim.dimension;
    const action = isKey
      ? 'Revoke the key if it is no longer used, and remove it from the annotation.'
      : 'If it is no longer used, remove it from the annotation.';
    findings.push({
      entityRef: claim.entityRef,
      rule: 'idle-key',
      fingerprint,
      title: `${claim.provider} ${what} ${claim.value} had no traffic in ${WINDOW_DAYS} days`,
      description:
        `${annotationLine(claim.annotation, claim.value)} claims ` +
        `${claim.provider} ${what} "${claim.value}", but no spend was ` +
        `attributed through it from ${from} to ${to}. ${action} ` +
        'This is hygiene: an idle claim costs nothing, so there is no saving.',
      evidence: {
        provider: claim.provider,
        dimension: claim.dimension,
        value: claim.value,
        annotation: claim.annotation,
        windowFrom: from,
        windowTo: to,
        attributedRequests: 0,
        attributedCost: 0,
        basis: isKey
          ? 'no attributed spend carries this key'
          : 'the entity had no attributed spend from this provider',
        savingsBasis: 'none: hygiene; an idle claim costs nothing',
      },
      estimatedMonthlySavings: 0,
      confidence: isKey ? 'high' : 'medium',
    });
  }
  return findings;
}
