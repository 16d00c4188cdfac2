import { dimensionLabel, providerLabel } from './labels';

describe('labels', () => {
  it('names Kubernetes spend from OpenCost and its dimensions', () => {
    expect(providerLabel('kubernetes')).toBe('Kubernetes (OpenCost)');
    expect(dimensionLabel('kubernetes', 'projectId')).toBe(
      'kubernetes-id label',
    );
    expect(dimensionLabel('kubernetes', 'accountId')).toBe('namespace');
    expect(dimensionLabel('kubernetes', 'resourceId')).toBe('workload');
    // Others unchanged.
    expect(dimensionLabel('openai', 'projectId')).toBe('project');
    expect(dimensionLabel('azure', 'accountId')).toBe('subscription');
    expect(dimensionLabel('aws', 'resourceId')).toBe('resource');
  });

  it('names expensed spend and its unallocated employees', () => {
    expect(providerLabel('expense')).toBe('Expense reports');
    expect(dimensionLabel('expense', 'userId')).toBe('employee');
  });
});
