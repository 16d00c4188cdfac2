import type { Claim } from '../attribution/claims';
import { USD } from '../__testUtils__/recommendationData';
import {
  findIdleClaims,
  findOwnerlessSpend,
  fingerprintOf,
  type ClaimTraffic,
} from './ownership';

const ASOF = '2026-11-20';

function claim(
  entityRef: string,
  annotation: string,
  provider: string,
  dimension: Claim['dimension'],
  value: string,
): Claim {
  return {
    entityRef,
    annotation,
    provider,
    dimension,
    value,
    specificity: dimension === 'apiKeyId' ? 3 : 2,
  };
}

describe('findOwnerlessSpend', () => {
  it('reports unclaimed spend org-wide with the claiming annotation and no invented saving', () => {
    const findings = findOwnerlessSpend(
      [
        {
          provider: 'openai',
          dimension: 'projectId',
          value: 'proj_x',
          cost: 412 * USD,
          requests: 900,
        },
        // Spend without any claimable dimension cannot be claimed.
        {
          provider: 'openai',
          dimension: 'none',
          value: '',
          cost: 50 * USD,
          requests: 0,
        },
        // Under $1 in 30 days.
        {
          provider: 'openai',
          dimension: 'apiKeyId',
          value: 'key_dust',
          cost: 500_000,
          requests: 3,
        },
        {
          provider: 'gateway',
          dimension: 'tag',
          value: 'service=unknown',
          cost: 3 * USD,
          requests: 10,
        },
      ],
      { asOf: ASOF, currency: 'USD' },
    );
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({
      entityRef: '',
      rule: 'ownerless-spend',
      fingerprint: 'openai:projectId:proj_x',
      estimatedMonthlySavings: 0,
      confidence: 'high',
      title: '$412.00 of openai spend has no owner (projectId proj_x)',
      evidence: {
        claimingAnnotation: 'ai-cost/openai-project-id',
        annotationSnippet: 'ai-cost/openai-project-id: "proj_x"',
        unallocatedCost: 412,
        claimableMonthlySpend: 412,
        windowFrom: '2026-10-22',
        windowTo: ASOF,
      },
    });
    expect(findings[1].evidence.claimingAnnotation).toBe(
      'ai-cost/gateway-tags',
    );
  });
});

describe('findIdleClaims', () => {
  const traffic: ClaimTraffic = {
    providers: new Set(['openai', 'anthropic']),
    apiKeys: new Set(['openai\u0000key_busy']),
    entityProviders: new Set([
      'component:default/a\u0000openai',
      'component:default/d\u0000anthropic',
    ]),
  };

  it('flags claimed keys and projects that attributed nothing, as hygiene', () => {
    const findings = findIdleClaims(
      [
        claim(
          'component:default/a',
          'ai-cost/openai-api-key-id',
          'openai',
          'apiKeyId',
          'key_busy',
        ),
        claim(
          'component:default/a',
          'ai-cost/openai-api-key-id',
          'openai',
          'apiKeyId',
          'key_idle',
        ),
        claim(
          'component:default/b',
          'ai-cost/anthropic-workspace-id',
          'anthropic',
          'projectId',
          'wrk_quiet',
        ),
        // AWS delivers no data at all: nothing can be said about its claims.
        claim(
          'component:default/c',
          'ai-cost/aws-account-id',
          'aws',
          'accountId',
          '111122223333',
        ),
        // The entity had anthropic traffic, so its workspace is not idle.
        claim(
          'component:default/d',
          'ai-cost/anthropic-workspace-id',
          'anthropic',
          'projectId',
          'wrk_busy',
        ),
      ],
      traffic,
      { asOf: ASOF },
    );
    expect(
      findings.map(f => [f.entityRef, f.fingerprint, f.confidence]),
    ).toEqual([
      ['component:default/a', 'openai:apiKeyId:key_idle', 'high'],
      ['component:default/b', 'anthropic:projectId:wrk_quiet', 'medium'],
    ]);
    expect(findings[0]).toMatchObject({
      rule: 'idle-key',
      estimatedMonthlySavings: 0,
      title: 'openai API key key_idle had no traffic in 30 days',
      evidence: {
        annotation: 'ai-cost/openai-api-key-id',
        attributedRequests: 0,
        savingsBasis: 'none: hygiene; an idle claim costs nothing',
      },
    });
  });
});

describe('fingerprintOf', () => {
  it('keeps short fingerprints readable and hashes long ones under the column size', () => {
    expect(fingerprintOf(['openai', 'projectId', 'p'])).toBe(
      'openai:projectId:p',
    );
    const long = fingerprintOf(['azure', 'resourceId', 'x'.repeat(1000)]);
    expect(long.length).toBeLessThanOrEqual(255);
    expect(long).not.toBe(
      fingerprintOf(['azure', 'resourceId', `${'x'.repeat(999)}y`]),
    );
  });
});
