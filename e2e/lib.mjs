// Shared helpers of the end-to-end tests: the browser, the guest session and
// the portal's API.
import { chromium } from 'playwright-core';

export const FRONTEND =
  process.env.AI_COST_E2E_FRONTEND ?? 'http://localhost:3000';
export const BACKEND =
  process.env.AI_COST_E2E_BACKEND ?? 'http://localhost:7007';

/** A Backstage token for the guest user, as the sign-in page gets it. */
export async function guestToken() {
  const res = await fetch(
    `${BACKEND}/api/auth/guest/refresh?optional&env=development`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  if (!res.ok) throw new Error(`guest sign-in failed: ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

/** GET (or another method) on the AI Cost API as the guest. */
export async function api(path, init = {}) {
  const res = await fetch(`${BACKEND}/api/ai-cost${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${await guestToken()}`,
      'Content-Type': 'application/json',
      ...init.headers,
    },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Headless Chromium with a page signed in as the guest. */
export async function signedInPage() {
  const browser = await chromium.launch({
    executablePath: process.env.AI_COST_E2E_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({
    viewport: { width: 1400, height: 1000 },
  });
  page.setDefaultTimeout(60_000);
  await page.goto(FRONTEND);
  await page.getByRole('button', { name: /enter/i }).click();
  await page.getByText('AI Cost', { exact: true }).first().waitFor();
  return { browser, page };
}

/** Parses "$1,234.56" into 1234.56. */
export function parseMoney(text) {
  const match = /-?\$[\d,]+(\.\d+)?/.exec(text);
  if (!match) throw new Error(`no amount in "${text}"`);
  return Number(match[0].replace(/[$,]/g, ''));
}

/** Saves a screenshot for the README under docs/screenshots/. */
export async function screenshot(page, name) {
  await page.screenshot({
    path: new URL(`../docs/screenshots/${name}.png`, import.meta.url).pathname,
    fullPage: true,
  });
}

/** The headline total of the AI Cost tab. */
export function totalOf(page) {
  return page
    .getByText('Total AI spend', { exact: true })
    .locator('xpath=ancestor::div[contains(@class,"MuiCard-root")][1]')
    .locator('.MuiTypography-h3');
}
