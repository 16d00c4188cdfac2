import { mockServices } from '@backstage/backend-test-utils';
import {
  createRefusingPricingService,
  readProviderExampleJson,
} from '@ai-cost/plugin-ai-cost-node/testUtils';
import { setupServer } from 'msw/node';
import { AzureCostProvider } from './AzureCostProvider';
import { QueryTable } from './normalize';
import {
  FakeCostManagement,
  fakeCredential,
  queryResult,
} from './__testUtils__/fakeCostManagement';

/**
 * Microsoft's own Cost Management query examples (azure-rest-api-specs,
 * api-version 2025-03-01), served verbatim. They answer queries grouped by
 * resource group or resource type; this module groups by ResourceId and
 * Meter, so no example can become records: they check the envelope, the
 * number and date cells, the paging by Azure's own `nextLink`, and that a
 * result without the grouped columns is refused rather than misattributed.
 */
const EXAMPLES = {
  subscription: 'azure/stable-2025-03-01.SubscriptionQuery.json',
  subscriptionGrouping:
    'azure/stable-2025-03-01.SubscriptionQueryGrouping.json',
  resourceGroupGrouping:
    'azure/stable-2025-03-01.ResourceGroupQueryGrouping.json',
  billingProfile: 'azure/stable-2025-03-01.MCABillingProfileQuery.json',
  billingAccount: 'azure/typespec-2025-03-01.BillingAccountQuery.json',
};
const body = (example: keyof typeof EXAMPLES) =>
  readProviderExampleJson(EXAMPLES[example]).responses['200'].body;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('Azure conformance with the published query examples', () => {
  it.each([
    [
      'subscription' as const,
      // 2.10333307059661 → 2,103,333.07 µ$ → 2,103,333
      // 218.68795741935486 → 218,687,957.42 → 218,687,957
      // 0.14384913581657052 → 143,849.14 → 143,849
      // 0.009865586851323632 → 9,865.59 → 9,866
      [
        ['2018-03-31', 2_103_333, 'ScreenSharingTest-peer'],
        ['2018-03-31', 218_687_957, 'Ict_StratAndPlan_GoldSprova_Prod'],
        ['2018-04-01', 143_849, 'ssbciotelement01'],
        ['2018-04-29', 9_866, 'ict_stratandplan_goldsprova_prod'],
      ],
    ],
    [
      'billingAccount' as const,
      // 19.545363672276512 → 19,545,363.67 → 19,545,364
      // 173.41979241290323 → 173,419,792.41 → 173,419,792
      // 20.35941656262545 → 20,359,416.56 → 20,359,417
      // 0.16677720329728665 → 166,777.20 → 166,777
      [
        ['2018-03-31', 19_545_364, 'JapanUnifia-Trial'],
        ['2018-03-31', 173_419_792, 'RVIIOT-TRIAL'],
        ['2018-03-31', 20_359_417, 'VSTSHOL-1595322048000'],
        ['2018-03-31', 166_777, 'gs-stms-dev'],
      ],
    ],
    [
      'resourceGroupGrouping' as const,
      // 2.10333307059661 → 2,103,333; 20.10333307059661 → 20,103,333.07 → 20,103,333
      [
        ['2018-04-17', 2_103_333, 'Microsoft.SqlServer'],
        ['2018-04-18', 20_103_333, 'Microsoft.Compute'],
      ],
    ],
  ])('reads the %s example cells to the micro-unit', (example, expected) => {
    const table = new QueryTable(body(example), 'example');
    const second = table.has('ResourceGroup')
      ? 'ResourceGroup'
      : 'ResourceType';
    expect(
      table.rows.map((_, i) => [
        table.day(i),
        table.micros(i, 'PreTaxCost'),
        table.text(i, second),
      ]),
    ).toEqual(expected);
  });

  it('parses every example envelope, including the one without UsageDate', () => {
    for (const example of Object.keys(EXAMPLES) as Array<
      keyof typeof EXAMPLES
    >) {
      const table = new QueryTable(body(example), example);
      expect(table.column('PreTaxCost', 'Cost')).toBe('PreTaxCost');
    }
    // Grouped without granularity: 4 rows, no UsageDate column.
    const total = new QueryTable(body('subscriptionGrouping'), 'example');
    expect(total.has('UsageDate')).toBe(false);
    expect(total.rows.map((_, i) => total.micros(i, 'PreTaxCost'))).toEqual([
      // 0.009865586851323632 → 9,866; 218.68795741935486 → 218,687,957;
      // 2.10333307059661 → 2,103,333; 0.14384913581657052 → 143,849
      9_866, 218_687_957, 2_103_333, 143_849,
    ]);
  });

  it.each(['billingAccount', 'billingProfile'] as const)(
    'follows the %s example nextLink verbatim, then refuses rows without a ResourceId column',
    async example => {
      const first = body(example);
      const api = new FakeCostManagement(server).on(request =>
        request.url.searchParams.has('$skiptoken')
          ? queryResult([], [])
          : first,
      );
      // The scope the example was queried at, as configured: with a leading slash.
      const scope = `/${first.id
        .replace(/^\//, '')
        .replace(/\/providers\/Microsoft\.CostManagement\/Query\/.*$/i, '')}`;
      const provider = new AzureCostProvider({
        id: 'azure-billing',
        scope,
        credential: fakeCredential(),
        costColumn: 'PreTaxCost',
      });
      await expect(
        provider.fetchUsage(
          { from: '2018-03-31', to: '2018-03-31' },
          {
            logger: mockServices.logger.mock(),
            pricing: createRefusingPricingService(),
          },
        ),
      ).rejects.toThrow(
        `Azure Cost Management ${scope}/providers/Microsoft.CostManagement/query: unexpected response: properties.columns has no "ResourceId" column (columns: PreTaxCost, ResourceGroup, UsageDate, Currency)`,
      );
      expect(api.seen.map(s => s.url.toString())).toEqual([
        `https://management.azure.com${scope}/providers/Microsoft.CostManagement/query?api-version=2025-03-01`,
        first.properties.nextLink,
      ]);
    },
  );
});
