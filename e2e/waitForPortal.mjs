// Waits until the portal answers and the demo spend is ingested and
// attributed, or fails with the tail of the portal's log.
import { readFileSync } from 'node:fs';
import { api, BACKEND, FRONTEND } from './lib.mjs';

const logFile = process.argv[2];
const deadline = Date.now() + 10 * 60_000;

async function until(what, check) {
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      const tail = logFile
        ? readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n')
        : '';
      console.error(`Timed out waiting for ${what}\n${tail}`);
      process.exit(1);
    }
    await new Promise(r => setTimeout(r, 2000));
  }
}

await until(
  'the backend',
  async () => (await fetch(`${BACKEND}/api/ai-cost/health`)).ok,
);
await until('the frontend', async () => (await fetch(FRONTEND)).ok);
await until('the demo sources', async () => {
  const sources = await api('/sources');
  return sources.length > 0 && sources.every(s => s.status === 'succeeded');
});
await until('attribution', async () => {
  const to = new Date().toISOString().slice(0, 10);
  const costs = await api(
    `/costs?entityRef=component:default/search-api&from=${to.slice(
      0,
      8,
    )}01&to=${to}`,
  );
  return costs.total.cost > 0;
});
console.log('Portal is up with demo data');
