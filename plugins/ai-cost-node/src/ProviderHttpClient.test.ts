import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ProviderHttpClient } from './ProviderHttpClient';

const KEY = 'sk-admin-canary-0123456789';
const baseUrl = 'https://billing.example.test/v1';

describe('ProviderHttpClient', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  const client = (
    options: { describeErrorBody?: (body: unknown) => string | undefined } = {},
  ) =>
    new ProviderHttpClient({
      providerName: 'Example',
      baseUrl,
      headers: { authorization: `Bearer ${KEY}` },
      secrets: [KEY],
      maxRetries: 2,
      sleep: async () => {},
      ...options,
    });

  it('redacts a secret echoed in a described error body', async () => {
    server.use(
      http.get(`${baseUrl}/usage`, () =>
        HttpResponse.json({ message: `bad key ${KEY}` }, { status: 401 }),
      ),
    );
    await expect(
      client({
        describeErrorBody: body => (body as { message: string }).message,
      }).getJson('/usage', []),
    ).rejects.toThrow('Example /usage answered 401: bad key [redacted]');
  });

  it('redacts before truncating a text body, so no fragment of the key survives', async () => {
    // The key straddles the 200-character cut.
    const text = `${'x'.repeat(190)}${KEY}${'y'.repeat(50)}`;
    server.use(
      http.get(
        `${baseUrl}/usage`,
        () => new HttpResponse(text, { status: 400 }),
      ),
    );
    const error = await client()
      .getJson('/usage', [])
      .catch((e: Error) => e);
    expect((error as Error).message).toBe(
      `Example /usage answered 400: ${`${'x'.repeat(190)}[redacted]${'y'.repeat(
        50,
      )}`.slice(0, 200)}`,
    );
    expect((error as Error).message).not.toContain('sk-admin-canary');
  });

  it('keeps credentials out of the client object', () => {
    const serialized = `${JSON.stringify(client())} ${Object.values(
      client(),
    ).join(' ')}`;
    expect(serialized).not.toContain('canary');
  });
});
