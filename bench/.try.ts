import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3710';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const context = await browser.newContext();
const page = await context.newPage();
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto(`${base}/#/signin`);
await page.click('[data-sub="agency-so-khcn"]');
await page.waitForSelector('main h1');
await page.goto(`${base}/#/report/2026`);
await page.waitForSelector('#f-servers_count');
await page.evaluate(() => navigator.serviceWorker.ready);
await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
console.log(
  'caches',
  await page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const n of await caches.keys()) out[n] = (await (await caches.open(n)).keys()).map((r) => r.url);
    return out;
  }),
);
await context.setOffline(true);
await page.reload();
await page.waitForTimeout(5000);
console.log((await page.locator('main').innerText()).slice(0, 400));
await browser.close();
