import fs from 'node:fs';
import path from 'node:path';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import request from 'supertest';
import { parse } from 'yaml';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleAiCost from './index';

const ALICE = 'user:default/alice';
const SEARCH_API = 'component:default/search-api';

/** The example template of this repository, as a catalog entity. */
const template: Entity = parse(
  fs.readFileSync(
    path.resolve(
      __dirname,
      '../../../examples/templates/ai-budget-request.yaml',
    ),
    'utf8',
  ),
);

const VALUES = {
  entityRef: SEARCH_API,
  amount: 1800,
  period: 'month',
  businessCase: 'Semantic search rollout to all tenants',
};

/** What the double of the AI Cost backend was asked, and by whom. */
interface Received {
  principal: unknown;
  body: unknown;
}

/**
 * A loopback double of the AI Cost backend: `POST /budgets/requests` as the
 * real plugin answers it, checking the caller with httpAuth like it does.
 */
function aiCostDouble(received: Received[]) {
  return createBackendPlugin({
    pluginId: 'ai-cost',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ httpRouter, httpAuth }) {
          const router = express.Router();
          router.use(express.json());
          router.post('/budgets/requests', async (req, res) => {
            const credentials = await httpAuth.credentials(req, {
              allow: ['user'],
            });
            received.push({ principal: credentials.principal, body: req.body });
            res.status(201).json({ id: 'req-1', status: 'pending' });
          });
          httpRouter.use(router);
        },
      });
    },
  });
}

async function startScaffolder(received: Received[]) {
  return startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModuleAiCost,
      aiCostDouble(received),
      catalogServiceMock.factory({
        entities: [
          template,
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'User',
            metadata: { name: 'alice', namespace: 'default' },
            spec: {},
          },
        ],
      }),
      mockServices.rootConfig.factory({
        data: { backend: { baseUrl: 'http://localhost:7007' } },
      }),
    ],
  });
}

describe('the example template with the scaffolder', () => {
  jest.setTimeout(60_000);

  it('dry-runs: the request step reports what it would do and links to the AI Cost tab', async () => {
    const received: Received[] = [];
    const { server } = await startScaffolder(received);
    const res = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header(ALICE))
      .send({ template, values: VALUES, directoryContents: [] });

    expect(res.status).toBe(200);
    expect(res.body.steps.map((s: { action: string }) => s.action)).toEqual([
      'ai-cost:budget:request',
    ]);
    expect(res.body.output).toEqual({
      links: [
        {
          title: 'AI Cost of the entity',
          url: '/catalog/default/component/search-api/ai-cost',
        },
      ],
      text: [
        {
          title: 'Budget request',
          content: 'Request `dry-run` is **dry-run**.\n',
        },
      ],
    });
    expect(received).toEqual([]);
  });

  it('refuses a dry run whose amount is not a number', async () => {
    const { server } = await startScaffolder([]);
    const res = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header(ALICE))
      .send({
        template,
        values: { ...VALUES, amount: 'lots' },
        directoryContents: [],
      });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).toContain('amount');
  });

  it('runs a task: the request reaches AI Cost on behalf of the user who started it', async () => {
    const received: Received[] = [];
    const { server } = await startScaffolder(received);
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', mockCredentials.user.header(ALICE))
      .send({
        templateRef: 'template:default/ai-budget-request',
        values: VALUES,
      });
    expect(created.status).toBe(201);

    let task: { status: string } = { status: 'open' };
    for (
      let i = 0;
      i < 100 && !['completed', 'failed'].includes(task.status);
      i++
    ) {
      await new Promise(resolve => setTimeout(resolve, 100));
      task = (
        await request(server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
          .set('Authorization', mockCredentials.user.header(ALICE))
      ).body;
    }
    expect(task.status).toBe('completed');
    expect(received).toEqual([
      {
        principal: { type: 'user', userEntityRef: ALICE },
        body: { ...VALUES },
      },
    ]);
  });
});
