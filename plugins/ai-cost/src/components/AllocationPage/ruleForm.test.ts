import { formToBody, hasEffect, ruleToForm, emptyRuleForm } from './ruleForm';
import { makeRules } from '../../__testUtils__/allocationFixtures';

const tags = ['environment', 'customer'];

describe('formToBody', () => {
  it('writes split targets from commas and lines, and provider tag matches', () => {
    const form = {
      ...emptyRuleForm(tags),
      kind: 'split' as const,
      id: ' platform-gateway ',
      method: 'metric' as const,
      metric: 'requests',
      targets: 'group:default/a, group:default/b\n\ngroup:default/c',
      match: [
        { key: 'provider', tagKey: '', value: 'gateway' },
        { key: 'tags', tagKey: 'team', value: 'platform' },
        { key: 'model', tagKey: '', value: ' ' },
      ],
    };
    expect(formToBody(form)).toEqual({
      body: {
        kind: 'split',
        id: 'platform-gateway',
        match: { provider: 'gateway', 'tags.team': 'platform' },
        method: 'metric',
        targets: ['group:default/a', 'group:default/b', 'group:default/c'],
        metric: 'requests',
      },
    });
  });

  it('writes a virtual tag taking its value from a provider tag', () => {
    const form = {
      ...emptyRuleForm(tags),
      tag: 'customer',
      valueSource: 'valueFrom' as const,
      valueFrom: 'customer_id',
    };
    expect(formToBody(form)).toEqual({
      body: {
        kind: 'virtualTag',
        match: {},
        tag: 'customer',
        valueFrom: 'tags.customer_id',
      },
    });
  });

  it('round-trips listed rules', () => {
    const rules = makeRules();
    for (const rule of [...rules.virtualTags, ...rules.splitRules]) {
      const form = ruleToForm(rule, tags);
      expect(hasEffect(form)).toBe(true);
      const { kind, id, match } = rule;
      expect(formToBody(form)).toEqual({
        body: expect.objectContaining({ kind, id, match }),
      });
    }
    expect(formToBody(ruleToForm(rules.splitRules[0], tags))).toEqual({
      body: expect.objectContaining({
        shares: {
          'component:default/query-rewriter': 70,
          'component:default/ticket-summarizer': 30,
        },
      }),
    });
  });

  it('names a share without a weight', () => {
    const form = {
      ...emptyRuleForm(tags),
      kind: 'split' as const,
      method: 'fixed' as const,
      shares: 'component:default/a: 2\ncomponent:default/b: lots',
    };
    expect(formToBody(form)).toEqual({
      error: 'shares: "component:default/b: lots" must be entityRef: weight',
    });
  });
});
