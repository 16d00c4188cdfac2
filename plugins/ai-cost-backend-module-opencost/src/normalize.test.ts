import {
  allocationCost,
  allocationDay,
  isIdleAllocation,
  kubernetesIdOf,
  recordFromAllocation,
} from './normalize';
import { allocationSchema, type Allocation } from './schemas';
import { allocation, idle, workload } from './__testUtils__/fakeOpenCost';

const WHERE = 'OpenCost /allocation/compute';
const parse = (value: unknown): Allocation => allocationSchema.parse(value);
const options = {
  date: '2024-11-01',
  include: 'gpu' as const,
  currency: 'USD',
  where: WHERE,
};

describe('kubernetesIdOf', () => {
  it('reads the sanitized key OpenCost reports, or the key as written', () => {
    expect(kubernetesIdOf({ backstage_io_kubernetes_id: 'a' })).toBe('a');
    expect(kubernetesIdOf({ 'backstage.io/kubernetes-id': 'b' })).toBe('b');
    expect(
      kubernetesIdOf({
        backstage_io_kubernetes_id: 'sanitized',
        'backstage.io/kubernetes-id': 'raw',
      }),
    ).toBe('sanitized');
    expect(kubernetesIdOf({ app: 'x' })).toBeNull();
    expect(kubernetesIdOf({ backstage_io_kubernetes_id: '' })).toBeNull();
    expect(kubernetesIdOf(undefined)).toBeNull();
  });
});

describe('isIdleAllocation', () => {
  it.each([
    ['__idle__', true],
    ['gpu-east/__idle__', true],
    ['gpu-east/node-1/__idle__', true],
    ['gpu-east/ml/deployment/deployment:__idle__x', false],
    ['gpu-east/ml/__unallocated__/__unallocated__', false],
  ])('%s → %s', (name, expected) => {
    expect(isIdleAllocation(name)).toBe(expected);
  });
});

describe('allocationDay', () => {
  it('is the UTC day the step window starts', () => {
    const a = parse(allocation('2024-11-01', idle('c', { gpuCost: 1 })));
    expect(allocationDay(a, WHERE)).toEqual({
      date: '2024-11-01',
      aligned: true,
    });
  });

  it('falls back to the allocation start and flags a window not at UTC midnight', () => {
    const a = parse({
      name: 'x',
      start: '2024-11-01T05:00:00+02:00',
      gpuCost: 0,
      totalCost: 0,
    });
    expect(allocationDay(a, WHERE)).toEqual({
      date: '2024-11-01',
      aligned: false,
    });
  });

  it('names the allocation without a readable start', () => {
    expect(() =>
      allocationDay(
        parse({
          name: 'x',
          window: { start: 'soon' },
          gpuCost: 0,
          totalCost: 0,
        }),
        WHERE,
      ),
    ).toThrow(
      `${WHERE}: allocation "x" has no readable window.start (got "soon")`,
    );
  });
});

describe('allocationCost', () => {
  const a = (fields: object) =>
    parse({ name: 'x', gpuCost: 0, totalCost: 0, ...fields });

  it('adds the GPU adjustment and rounds once', () => {
    // 1.0000004 + 0.0000004 = 1.0000008 → 1,000,001 µ, where rounding each
    // first would give 1,000,000 + 0.
    expect(
      allocationCost(
        a({ gpuCost: 1.0000004, gpuCostAdjustment: 0.0000004 }),
        'gpu',
        '2024-11-01',
        WHERE,
      ),
    ).toBe(1_000_001);
    // Responses without adjustments (older OpenCost).
    expect(
      allocationCost(a({ gpuCost: 2.5 }), 'gpu', '2024-11-01', WHERE),
    ).toBe(2_500_000);
    expect(
      allocationCost(a({ totalCost: 12.34567 }), 'all', '2024-11-01', WHERE),
    ).toBe(12_345_670);
  });

  it('rejects a null cost it needs, naming the field', () => {
    expect(() =>
      allocationCost(
        a({ gpuCost: 1, gpuCostAdjustment: null }),
        'gpu',
        '2024-11-01',
        WHERE,
      ),
    ).toThrow(
      `${WHERE}: allocation "x" on 2024-11-01 has gpuCostAdjustment null (OpenCost reports a NaN or infinite cost as null); the day cannot be costed`,
    );
    expect(() =>
      allocationCost(a({ totalCost: null }), 'all', '2024-11-01', WHERE),
    ).toThrow('has totalCost null');
    // A null total does not matter when only the GPU cost is read.
    expect(
      allocationCost(
        a({ gpuCost: 1, totalCost: null }),
        'gpu',
        '2024-11-01',
        WHERE,
      ),
    ).toBe(1_000_000);
  });
});

describe('recordFromAllocation', () => {
  it('skips what cost nothing', () => {
    const a = parse(
      allocation(
        '2024-11-01',
        workload('c', 'ns', 'deployment', 'web', { cpuCost: 1 }),
      ),
    );
    expect(recordFromAllocation(a, options)).toBeNull();
    expect(
      recordFromAllocation(a, { ...options, include: 'all' }),
    ).toMatchObject({ cost: 1_000_000, lineItem: 'compute' });
  });

  it('keeps a negative GPU cost (a credit adjustment larger than the cost)', () => {
    const a = parse(
      allocation(
        '2024-11-01',
        workload('c', 'ns', 'deployment', 'web', {
          gpuCost: 1,
          gpuCostAdjustment: -1.25,
        }),
      ),
    );
    expect(recordFromAllocation(a, options)?.cost).toBe(-250_000);
  });

  it("does not take OpenCost's special namespaces for namespaces", () => {
    const a = parse(
      allocation('2024-11-01', {
        name: 'c/__unmounted__/__unallocated__/__unallocated__',
        cluster: 'c',
        namespace: '__unmounted__',
        pvCost: 3,
      }),
    );
    expect(
      recordFromAllocation(a, { ...options, include: 'all' }),
    ).toMatchObject({
      accountId: null,
      projectId: null,
      resourceId: 'c/__unmounted__/__unallocated__/__unallocated__',
      tags: { cluster: 'c', namespace: '__unmounted__' },
      cost: 3_000_000,
    });
  });

  it('marks idle with a resource id and tag, and without cluster when none is reported', () => {
    const a = parse({ name: '__idle__', gpuCost: 4, totalCost: 4 });
    expect(recordFromAllocation(a, options)).toMatchObject({
      accountId: null,
      projectId: null,
      resourceId: '__unallocated__/__idle__',
      tags: { idle: 'true' },
      cost: 4_000_000,
      costKind: 'estimated',
    });
  });

  it('does not take a label of the namespace for a label of the workload', () => {
    const a = parse({
      name: 'c/ns/deployment/deployment:web',
      properties: {
        cluster: 'c',
        namespace: 'ns',
        controllerKind: 'deployment',
        controller: 'web',
        namespaceLabels: { backstage_io_kubernetes_id: 'other' },
      },
      window: { start: '2024-11-01T00:00:00Z' },
      gpuCost: 1,
      totalCost: 1,
    });
    expect(recordFromAllocation(a, options)?.projectId).toBeNull();
  });
});
