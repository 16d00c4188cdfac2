import type { AiCostProvider } from '@ai-cost/plugin-ai-cost-node';
import { createProviderCollectorPlugin } from '@ai-cost/plugin-ai-cost-node/testUtils';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readGcpSourceConfigs } from './config';
import { GcpCostProvider } from './GcpCostProvider';
import aiCostModuleGcp from './index';
import { TABLE } from './__testUtils__/billingRows';

async function startWith(data: object) {
  const collected: AiCostProvider[] = [];
  const backend = await startTestBackend({
    features: [
      createProviderCollectorPlugin(collected),
      aiCostModuleGcp,
      mockServices.rootConfig.factory({ data }),
    ],
  });
  return { collected, backend };
}

describe('aiCostModuleGcp', () => {
  it('registers one provider per configured source', async () => {
    const { collected, backend } = await startWith({
      aiCost: {
        providers: {
          gcp: [
            { id: 'gcp-billing', billingExportTable: TABLE },
            {
              id: 'gcp-eu',
              billingExportTable: 'eu-billing-1.export.gcp_billing_export_v1_0',
              location: 'EU',
            },
          ],
        },
      },
    });
    expect(collected.map(p => [p.id, p.provider])).toEqual([
      ['gcp-billing', 'gcp'],
      ['gcp-eu', 'gcp'],
    ]);
    expect(collected.every(p => p instanceof GcpCostProvider)).toBe(true);
    await backend.stop();
  });

  it('registers nothing without GCP sources', async () => {
    const { collected, backend } = await startWith({});
    expect(collected).toEqual([]);
    await backend.stop();
  });

  it('fails startup with a message naming the bad key', async () => {
    await expect(
      startWith({ aiCost: { providers: { gcp: [{ id: 'gcp' }] } } }),
    ).rejects.toThrow('aiCost.providers.gcp[0].billingExportTable is required');
  });

  it('fails startup on an invalid aiCost.classification pattern, naming it', async () => {
    await expect(
      startWith({
        aiCost: {
          classification: { acceleratorPatterns: ['gpu[', 'tpu'] },
          providers: {
            gcp: [{ id: 'gcp', billingExportTable: TABLE, gpuCompute: true }],
          },
        },
      }),
    ).rejects.toThrow(
      'aiCost.classification.acceleratorPatterns[0]: "gpu[" is not a valid regular expression',
    );
  });
});

describe('readGcpSourceConfigs', () => {
  const read = (gcp: unknown) =>
    readGcpSourceConfigs(
      new ConfigReader({ aiCost: { providers: { gcp } } } as any),
    );

  it('reads every setting', () => {
    expect(
      read([
        {
          id: 'gcp',
          billingExportTable: TABLE,
          projectId: 'finops-queries',
          location: 'europe-west1',
          services: ['Vertex AI'],
          maximumBytesBilled: 1000000000,
          gpuCompute: true,
        },
        { id: 'gcp-adc', billingExportTable: TABLE },
      ]),
    ).toEqual([
      {
        id: 'gcp',
        billingExportTable: TABLE,
        projectId: 'finops-queries',
        location: 'europe-west1',
        services: ['Vertex AI'],
        maximumBytesBilled: 1000000000,
        gpuCompute: true,
      },
      { id: 'gcp-adc', billingExportTable: TABLE },
    ]);
  });

  it.each([
    [[{ id: 'g' }], 'aiCost.providers.gcp[0].billingExportTable is required'],
    [
      [
        {
          id: 'g',
          billingExportTable: 'billing_export.gcp_billing_export_v1_0',
        },
      ],
      'aiCost.providers.gcp[0].billingExportTable must be a BigQuery table written as project.dataset.table, e.g. my-billing-project.billing_export.gcp_billing_export_resource_v1_012345_6789AB_CDEF01, got "billing_export.gcp_billing_export_v1_0"',
    ],
    [
      [{ id: 'g', billingExportTable: 'proj-123.ds.t; DROP TABLE x' }],
      'aiCost.providers.gcp[0].billingExportTable must be a BigQuery table written as project.dataset.table, e.g. my-billing-project.billing_export.gcp_billing_export_resource_v1_012345_6789AB_CDEF01, got "proj-123.ds.t; DROP TABLE x"',
    ],
    [
      [{ id: 'g', billingExportTable: TABLE, projectId: 'My Project' }],
      'aiCost.providers.gcp[0].projectId must be a GCP project id such as my-finops-project, got "My Project"',
    ],
    [
      [{ id: 'g', billingExportTable: TABLE, gpuCompute: 1 }],
      'aiCost.providers.gcp[0].gpuCompute must be true or false, got 1',
    ],
    [
      [{ id: 'g', billingExportTable: TABLE, credentials: '{}' }],
      'aiCost.providers.gcp[0].credentials is not a known setting; known settings are id, billingExportTable, projectId, location, services, maximumBytesBilled and gpuCompute',
    ],
  ])('rejects %j', (gcp, message) => {
    let error: Error | undefined;
    try {
      read(gcp);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toBe(message);
  });
});
