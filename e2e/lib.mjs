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

/**
 * The viewports and themes the page checks run in: each width and each theme
 * once (a third pairing, 800 px light, repeated what these two check and cost
 * CI five minutes).
 */
export const LAYOUTS = [
  { width: 1400, theme: 'light' },
  { width: 800, theme: 'dark' },
];

/**
 * Headless Chromium with a page signed in as the guest, `width` px wide, in
 * the light or dark theme (Backstage keeps the choice in localStorage).
 */
export async function signedInPage({ width = 1400, theme = 'light' } = {}) {
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
    viewport: { width, height: 1000 },
    colorScheme: theme,
    acceptDownloads: true,
  });
  await page.addInitScript(t => window.localStorage.setItem('theme', t), theme);
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

/** The cost column of a CSV document summed in micro-units (RFC 4180 quoting). */
export function sumCsvCostMicros(text) {
  const rows = text
    .trim()
    .split(/\r?\n/)
    .map(line =>
      [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)]
        .slice(0, -1)
        .map(m => m[1].replace(/^"|"$/g, '').replace(/""/g, '"')),
    );
  const cost = rows[0].indexOf('cost');
  if (cost < 0) throw new Error(`no cost column in ${rows[0].join(',')}`);
  return rows
    .slice(1)
    .reduce((t, row) => t + Math.round(Number(row[cost]) * 1e6), 0);
}

/** Where a README screenshot is kept: docs/screenshots/<name>.png. */
export function screenshotPath(name) {
  return new URL(`../docs/screenshots/${name}.png`, import.meta.url).pathname;
}

/** Saves a full-page screenshot for the README. */
export async function screenshot(page, name) {
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}

/** The headline total of the AI Cost tab. */
export function totalOf(page) {
  return page
    .getByText('Total AI spend', { exact: true })
    .locator('xpath=ancestor::div[contains(@class,"MuiCard-root")][1]')
    .locator('.MuiTypography-h3');
}

/** Opens one of the org page's pages through its "Pages" menu. */
export async function openFromOrgPage(page, title) {
  await page.goto(`${FRONTEND}/ai-cost`);
  await page.getByRole('button', { name: 'Pages' }).click();
  await page.getByRole('menuitem', { name: title, exact: true }).click();
}

/** The card around a title, e.g. the "Unit economics" InfoCard. */
export function cardTitled(page, title) {
  return page
    .getByText(title, { exact: true })
    .first()
    .locator('xpath=ancestor::div[contains(@class,"MuiCard-root")][1]');
}
