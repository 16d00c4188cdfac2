import { after, before, test } from 'node:test';
import {
  api,
  FRONTEND,
  parseMoney,
  screenshot,
  signedInPage,
} from '../lib.mjs';

let browser;
let page;
before(async () => {
  ({ browser, page } = await signedInPage());
});
after(async () => browser?.close());

const NARRATOR = 'component:default/metrics-narrator';

/** The card's window: the last 30 days, today (UTC) included. */
function lastThirtyDays() {
  const day = offset =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return { from: day(-29), to: day(0) };
}

test("the Model policy card shows the entity's violation as the API reports it", async () => {
  // metrics-narrator may use efficient models only; its demo traffic is gpt-4o.
  const { from, to } = lastThirtyDays();
  const violations = await api(
    `/policies/violations?entityRef=${NARRATOR}&from=${from}&to=${to}`,
  );
  const gpt4o = violations.find(v => v.model === 'gpt-4o');
  if (
    !gpt4o ||
    gpt4o.tier !== 'standard' ||
    gpt4o.allowedTier !== 'efficient'
  ) {
    throw new Error(`unexpected violations ${JSON.stringify(violations)}`);
  }

  await page.goto(
    `${FRONTEND}/catalog/default/component/metrics-narrator/ai-cost`,
  );
  await page.getByText('Model policy', { exact: true }).first().waitFor();
  await page
    .getByText('Max tier: Efficient (from ai-cost/max-model-tier)')
    .waitFor();
  const list = page.getByRole('list', { name: 'Policy violations' });
  const item = list.getByRole('listitem').filter({ hasText: 'gpt-4o' }).first();
  const text = await item.innerText();
  const match = /Standard model · (\S+) on (\d+) days?/.exec(text);
  if (!match)
    throw new Error(`unexpected violation row ${JSON.stringify(text)}`);
  if (Math.abs(parseMoney(match[1]) - gpt4o.cost) > 0.005) {
    throw new Error(`card shows ${match[1]}, the API ${gpt4o.cost}`);
  }
  if (Number(match[2]) !== gpt4o.days) {
    throw new Error(`card shows ${match[2]} days, the API ${gpt4o.days}`);
  }
  await screenshot(page, 'model-policy');
});

test('the guardrail never denies metrics-narrator, which did not opt in', async () => {
  const decision = await api(
    `/guardrails/decision?entityRef=${NARRATOR}&model=gpt-4o`,
  );
  if (decision.decision === 'deny' || decision.enforcement !== null) {
    throw new Error(`unexpected decision ${JSON.stringify(decision)}`);
  }
  if (
    !decision.reasons.some(r => r.includes('gpt-4o (standard) is not allowed'))
  ) {
    throw new Error(
      `the decision should warn of gpt-4o: ${JSON.stringify(decision)}`,
    );
  }
});
