import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  CHAT,
  createDigestOrg,
  DOCS,
  LEADERSHIP,
  PLATFORM,
  SEARCH,
  TEAM,
} from '../__testUtils__/digestOrg';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const ADMIN = 'user:default/admin';

describe('GET /insights/facts', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    return createDigestOrg(await databases.init(databaseId), {
      now: new Date('2026-11-30T06:00:00Z'),
      policy: (permission, user) =>
        permission === 'ai-cost.org.read' && user !== ADMIN
          ? 'DENY'
          : undefined,
      policyViolations: async entityRef =>
        entityRef === SEARCH ? { count: 3, cost: 4 } : { count: 0, cost: 0 },
    });
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it("gives every entity's facts, spend as /costs reports it, to a service", async () => {
      const test = await setup(databaseId);
      const res = await request(test.app as any)
        .get('/insights/facts')
        .set('Authorization', mockCredentials.service.header());
      expect(res.status).toBe(200);
      const facts = (
        entityRef: string,
        monthToDateSpend: number,
        more: object = {},
      ) => ({
        entityRef,
        hasClaims: false,
        monthToDateSpend,
        budgetState: 'none',
        openAnomalies: 0,
        policyViolations: 0,
        ...more,
      });
      // November 1 to 29: search-api 22 × $8 + 7 × $10, chat-bot 29 × $2,
      // docs-site 29 × $1; the team owns the first two, platform all three.
      expect(res.body).toEqual({
        currency: 'USD',
        entities: [
          facts(CHAT, 58, { hasClaims: true }),
          facts(DOCS, 29, { hasClaims: true }),
          facts(SEARCH, 246, {
            hasClaims: true,
            budgetState: 'ok',
            openAnomalies: 1,
            policyViolations: 3,
          }),
          facts(LEADERSHIP, 0),
          facts(PLATFORM, 333, { openAnomalies: 1 }),
          facts(TEAM, 304, { budgetState: 'over', openAnomalies: 1 }),
        ],
      });
      for (const { entityRef, monthToDateSpend } of res.body.entities) {
        const costs = await request(test.app as any)
          .get(`/costs?entityRef=${entityRef}&from=2026-11-01&to=2026-11-30`)
          .set('Authorization', mockCredentials.user.header(ADMIN));
        expect(costs.body.total.cost).toBe(monthToDateSpend);
      }
    });

    it('answers users with org read only', async () => {
      const test = await setup(databaseId);
      const denied = await request(test.app as any)
        .get('/insights/facts')
        .set('Authorization', mockCredentials.user.header('user:default/bob'));
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toMatch(/ai-cost\.org\.read/);
      const allowed = await request(test.app as any)
        .get('/insights/facts')
        .set('Authorization', mockCredentials.user.header(ADMIN));
      expect(allowed.status).toBe(200);
      expect(allowed.body.entities).toHaveLength(6);
    });
  });
});
