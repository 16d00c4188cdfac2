import { createBenchApp } from './lib/app';
import { universe, buildCatalog } from './lib/dataset';
import { openDb } from './lib/db';
import { Results } from './lib/measure';
import { measureGuardrail } from './guardrail';
async function main() {
  const u = universe(0.01);
  const db = await openDb('sqlite', 'gprof');
  const app = await createBenchApp(db.knex);
  app.catalog.setEntities(buildCatalog(u, u.smallCatalog));
  await app.indexer.rebuild();
  const results = new Results('sqlite', 0.01, db.label);
  await measureGuardrail(app, { ...u, scale: 0.5 }, results);
  console.log(JSON.stringify(results.list.map(r => [r.value, r.note])));
  await db.close();
}
main();
