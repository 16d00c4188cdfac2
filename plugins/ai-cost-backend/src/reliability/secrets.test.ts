import fs from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { mockCredentials } from '@backstage/backend-test-utils';
// The config schema check needs @backstage/config-loader, which is not (yet)
// a devDependency of this package; it resolves from the workspace root.
import { loadConfigSchema } from '@backstage/config-loader';
import { ConfigReader } from '@backstage/config';
import { readProviderSourceConfigs } from '@ai-cost/plugin-ai-cost-node';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { captureLogger } from '../__testUtils__/captureLogger';
import {
  FakeBillingApi,
  HttpBillingProvider,
  type CredentialStyle,
} from '../__testUtils__/fakeBillingApi';
import {
  ADMIN,
  createIngestionHarness,
  twoVersions,
} from '../__testUtils__/ingestionHarness';
import { writeReliabilityFigures } from '../__testUtils__/reliabilityReport';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

/** Canary credentials: any of them showing up anywhere is a leak. */
const CANARY = {
  openai: 'sk-admin-CANARY-openai-7f3c9a1e5b2d4f60',
  anthropic: 'sk-ant-admin01-CANARY-anthropic-2b8e4d6f0a1c',
  azureClientSecret: 'CANARY~azure.client-secret_9d7b5f3e1a',
  azureToken: 'eyJ0eXAiOiJKV1QiLCANARY-azure-access-token',
  awsSecretAccessKey: 'CANARY/aws+secret/access/key/wJalrXUtnFEMI',
  awsAccessKeyId: 'AKIACANARY0123456789',
};
const ALL_CANARIES = Object.values(CANARY);

function leaks(text: string): string[] {
  return ALL_CANARIES.filter(canary => text.includes(canary));
}

const figures = {
  runtime: [] as Array<{
    credential: string;
    database: string;
    checked: string[];
  }>,
  configSchema: {} as Record<string, unknown>,
};
afterAll(() => writeReliabilityFigures('secrets', figures));

const BASE_URL = 'https://billing.secrets.test/v1';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => server.close());

/** The credential styles of the provider modules, each with its canary. */
const STYLES: Array<[string, CredentialStyle, string]> = [
  [
    'OpenAI admin key (Authorization: Bearer)',
    { kind: 'bearer', key: CANARY.openai },
    CANARY.openai,
  ],
  [
    'Anthropic admin key (x-api-key)',
    { kind: 'x-api-key', key: CANARY.anthropic },
    CANARY.anthropic,
  ],
  [
    'Azure access token from a client secret',
    {
      kind: 'oauth',
      clientSecret: CANARY.azureClientSecret,
      token: CANARY.azureToken,
    },
    CANARY.azureToken,
  ],
];

describe('secrets never leave the backend', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it.each(STYLES)(
      '%s: not in GET /sources, the run log, logs or errors when the provider echoes it',
      async (name, credentials, sentSecret) => {
        const api = new FakeBillingApi(BASE_URL);
        server.resetHandlers(...api.handlers());
        const provider = new HttpBillingProvider('leaky', {
          baseUrl: BASE_URL,
          credentials,
          maxRetries: 1,
        });
        const harness = await createIngestionHarness({
          knex: await databases.init(databaseId),
          providers: [provider],
        });
        api.serve(twoVersions().before);
        // A good run first: logs of a healthy run carry no secret either.
        await harness.engine.runSource('leaky', 'schedule');
        // The fake API did receive the secret: the checks below mean something.
        const seen = api.requests.map(r => `${r.authorization} ${r.apiKey}`);
        expect(seen.join(' ')).toContain(sentSecret);
        // Then the provider refuses the credentials and quotes them back.
        api.requests.length = 0;
        api.script = [{ kind: 'echo-credentials' }];
        await harness.engine.runSource('leaky', 'schedule');

        const [run] = await harness.store.listRuns('leaky', 1);
        expect(run.status).toBe('failed');
        expect(run.error).toContain('[redacted]');
        expect(leaks(run.error!)).toEqual([]);

        const sources = await request(harness.test.app as any)
          .get('/sources')
          .set('Authorization', mockCredentials.user.header(ADMIN));
        expect(sources.status).toBe(200);
        expect(sources.text).toContain('[redacted]');
        expect(leaks(sources.text)).toEqual([]);

        // Every read route an admin can call.
        for (const url of [
          '/reconciliation?from=2026-11-01&to=2026-11-10',
          '/rollup?groupBy=provider&from=2026-11-01&to=2026-11-10',
          '/attribution',
          '/export.csv?from=2026-11-01&to=2026-11-10',
          '/costs?entityRef=component:default/svc&from=2026-11-01&to=2026-11-10',
        ]) {
          const res = await request(harness.test.app as any)
            .get(url)
            .set('Authorization', mockCredentials.user.header(ADMIN));
          expect({ url, status: res.status }).toEqual({ url, status: 200 });
          expect(leaks(res.text)).toEqual([]);
        }

        expect(leaks(harness.logger.text())).toEqual([]);
        expect(harness.logger.text()).toContain('[redacted]');

        // The error itself, its cause chain, stack and any rendering of it.
        api.requests.length = 0;
        api.script = [{ kind: 'echo-credentials' }];
        const error = await provider
          .fetchUsage(
            { from: '2026-11-01', to: '2026-11-02' },
            {
              logger: harness.logger,
              pricing: { price: () => ({ priced: false, reason: 'n/a' }) },
            },
          )
          .then(
            () => undefined,
            e => e,
          );
        expect(error).toBeInstanceOf(Error);
        const renderings = [
          String(error),
          error.stack,
          inspect(error, { depth: 5 }),
          JSON.stringify(error),
          JSON.stringify(error, Object.getOwnPropertyNames(error)),
        ].join('\n');
        expect(leaks(renderings)).toEqual([]);
        // Nor does the provider object show its credentials when logged.
        expect(
          leaks(inspect(provider, { depth: 6, showHidden: true })),
        ).toEqual([]);

        figures.runtime.push({
          credential: name,
          database: String(databaseId),
          checked: [
            'run log',
            'GET /sources lastError',
            '5 read routes',
            'logs',
            'error, cause, stack, inspect',
            'provider object',
          ],
        });
      },
    );

    it('Azure: a token request failing with an error that quotes the client secret', async () => {
      const api = new FakeBillingApi(BASE_URL);
      server.resetHandlers(...api.handlers());
      const provider = new HttpBillingProvider('azure-ish', {
        baseUrl: BASE_URL,
        credentials: {
          kind: 'oauth',
          clientSecret: CANARY.azureClientSecret,
          token: CANARY.azureToken,
          tokenError: true,
        },
      });
      const harness = await createIngestionHarness({
        knex: await databases.init(databaseId),
        providers: [provider],
      });
      await harness.engine.runSource('azure-ish', 'schedule');
      const [run] = await harness.store.listRuns('azure-ish', 1);
      expect(run.error).toMatch(/could not get credentials.*AADSTS7000215/);
      expect(leaks(run.error!)).toEqual([]);
      expect(leaks(harness.logger.text())).toEqual([]);
      const sources = await request(harness.test.app as any)
        .get('/sources')
        .set('Authorization', mockCredentials.user.header(ADMIN));
      expect(leaks(sources.text)).toEqual([]);
      figures.runtime.push({
        credential: 'Azure client secret (token request error)',
        database: String(databaseId),
        checked: ['run log', 'GET /sources lastError', 'logs'],
      });
    });
  });

  it('config errors name the key, never the secret', () => {
    const fields = {
      adminKey: { type: 'secret', required: true },
      baseUrl: { type: 'url' },
    } as const;
    const cases = [
      [{ id: 'openai prod', adminKey: CANARY.openai }],
      [
        { id: 'dup', adminKey: CANARY.openai },
        { id: 'dup', adminKey: CANARY.anthropic },
      ],
      [{ id: 'openai-prod', adminKey: [CANARY.openai] }],
      [{ id: 'openai-prod', adminKey: ` ${CANARY.openai} ` }],
    ];
    const thrown: string[] = [];
    for (const entries of cases) {
      const config = new ConfigReader({
        aiCost: { providers: { openai: entries } },
      });
      try {
        readProviderSourceConfigs(config, 'openai', fields);
      } catch (error) {
        thrown.push(`${String(error)} ${inspect(error)}`);
      }
    }
    // The invalid id, duplicate, non-string and padded keys are refused...
    expect(thrown.length).toBe(cases.length);
    // ...and no message quotes a key.
    expect(thrown.flatMap(leaks)).toEqual([]);
  });

  // Credentials in the user-info of a `baseUrl` (https://user:password@...)
  // are refused, and never quoted.
  const PROXY_PASSWORD = 'CANARY-proxy-password-5e1f';
  it('refuses a baseUrl with user-info without quoting the password', () => {
    let message = '';
    try {
      readProviderSourceConfigs(
        new ConfigReader({
          aiCost: {
            providers: {
              openai: [
                {
                  id: 'openai-prod',
                  adminKey: CANARY.openai,
                  baseUrl: `ftp://proxy:${PROXY_PASSWORD}@proxy.internal/v1`,
                },
              ],
            },
          },
        }),
        'openai',
        {
          adminKey: { type: 'secret', required: true },
          baseUrl: { type: 'url' },
        },
      );
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(
      /baseUrl must be an http\(s\) URL without credentials \(user:password@\), got "ftp:\/\/\*\*\*@proxy.internal\/v1"/,
    );
    expect(message).not.toContain(PROXY_PASSWORD);
  });
  it('refuses to build an HTTP client for a baseUrl with user-info, without quoting it', async () => {
    const run = async () =>
      new HttpBillingProvider('proxied', {
        baseUrl: `https://proxy:${PROXY_PASSWORD}@billing.secrets.test/v1`,
        credentials: { kind: 'bearer', key: CANARY.openai },
        maxRetries: 0,
      }).fetchUsage(
        { from: '2026-11-01', to: '2026-11-02' },
        {
          logger: captureLogger(),
          pricing: { price: () => ({ priced: false, reason: 'n/a' }) },
        },
      );
    const error: Error = await run().then(
      () => new Error('no error'),
      e => e,
    );
    expect(String(error)).toBe(
      "Error: FakeAI: baseUrl must not contain credentials (user:password@); pass them as the source's key instead",
    );
    expect(String(error)).not.toContain(PROXY_PASSWORD);
  });

  it('the config schema marks every provider secret @visibility secret: none reaches the frontend', async () => {
    // Every workspace package (their configSchema / config.d.ts), plus the
    // AWS integration whose `aws.*` credentials the AWS module uses.
    const root = path.resolve(__dirname, '../../../..');
    const workspaces: string[] = JSON.parse(
      fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
    ).workspaces;
    const packages = workspaces.flatMap(glob => {
      const dir = path.join(root, glob.replace(/\/\*$/, ''));
      return fs
        .readdirSync(dir)
        .filter(name => fs.existsSync(path.join(dir, name, 'package.json')))
        .map(
          name =>
            JSON.parse(
              fs.readFileSync(path.join(dir, name, 'package.json'), 'utf8'),
            ).name as string,
        );
    });
    const schema = await loadConfigSchema({
      dependencies: [...packages, '@backstage/integration-aws-node'],
      excludePackageDependencies: true,
    });
    const data = {
      aiCost: {
        currency: 'USD',
        providers: {
          openai: [{ id: 'openai-prod', adminKey: CANARY.openai }],
          anthropic: [{ id: 'anthropic-prod', adminKey: CANARY.anthropic }],
          azure: [
            {
              id: 'azure-main',
              scope: '/subscriptions/00000000-0000-0000-0000-000000000000',
              tenantId: 'tenant',
              clientId: 'client',
              clientSecret: CANARY.azureClientSecret,
            },
          ],
          aws: [{ id: 'aws-main', region: 'us-east-1' }],
          gcp: [{ id: 'gcp-billing', billingExportTable: 'p.d.t' }],
        },
      },
      aws: {
        mainAccount: {
          accessKeyId: CANARY.awsAccessKeyId,
          secretAccessKey: CANARY.awsSecretAccessKey,
        },
        accounts: [
          {
            accountId: '111122223333',
            accessKeyId: CANARY.awsAccessKeyId,
            secretAccessKey: CANARY.awsSecretAccessKey,
          },
        ],
      },
    };
    const processed = (visibility: Array<'frontend' | 'backend' | 'secret'>) =>
      JSON.stringify(
        schema.process([{ data, context: 'reliability' }], {
          visibility,
          withFilteredKeys: true,
        }),
      );
    const frontend = processed(['frontend']);
    expect(leaks(frontend)).toEqual([]);
    // Not merely undeclared (which would also keep them from the frontend):
    // each secret is declared, and declared secret.
    const secret = processed(['secret']);
    const canaries = [
      CANARY.openai,
      CANARY.anthropic,
      CANARY.azureClientSecret,
      CANARY.awsAccessKeyId,
      CANARY.awsSecretAccessKey,
    ];
    expect(canaries.filter(c => !secret.includes(c))).toEqual([]);
    // The reporting currency is meant for the frontend, and gets there.
    expect(frontend).toContain('"currency":"USD"');

    // Any other credential-looking key under aiCost must be secret too.
    const serialized = schema.serialize() as {
      schemas: Array<{ path: string; value: unknown }>;
    };
    const suspicious: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as {
        properties?: Record<string, unknown>;
        items?: unknown;
        visibility?: string;
      };
      for (const [key, child] of Object.entries(n.properties ?? {})) {
        const where = `${at}.${key}`;
        if (
          /(secret|password|token|adminKey|apiKey|privateKey|accessKey|credential)s?$/i.test(
            key,
          ) &&
          (child as { visibility?: string }).visibility !== 'secret' &&
          !/Keys?Id$|Tokens?$/.test(key)
        ) {
          suspicious.push(where);
        }
        walk(child, where);
      }
      if (n.items) walk(n.items, `${at}[]`);
    };
    for (const { path: from, value } of serialized.schemas) {
      const aiCost = (value as { properties?: Record<string, unknown> })
        .properties?.aiCost;
      if (aiCost) walk(aiCost, `aiCost (${path.relative(root, from)})`);
    }
    expect(suspicious).toEqual([]);
    figures.configSchema = {
      packagesScanned: packages.length + 1,
      schemasWithAiCost: serialized.schemas
        .filter(
          s =>
            (s.value as { properties?: object }).properties &&
            'aiCost' in (s.value as { properties: object }).properties,
        )
        .map(s => path.relative(root, s.path)),
      secretsChecked: [
        'aiCost.providers.openai[].adminKey',
        'aiCost.providers.anthropic[].adminKey',
        'aiCost.providers.azure[].clientSecret',
        'aws.mainAccount.accessKeyId',
        'aws.mainAccount.secretAccessKey',
        'aws.accounts[].accessKeyId',
        'aws.accounts[].secretAccessKey',
      ],
    };
  });
});
