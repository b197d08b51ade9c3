// web/test/e2e.mjs: the web page end to end in headless Chromium (Debian's
// chromium, driven by playwright-core; no browser download). Usage:
//   node test/e2e.mjs BASE_URL TOKEN MATCH_PATH SHOTS_DIR
// BASE_URL is a running `touchline serve` with the World Cups imported and
// TOKEN accepted; MATCH_PATH a scheduled match not kicked off
// (/api/matches/2030-06-01/England/France). Prints TAP lines.
import { chromium } from 'playwright-core';
import { statSync } from 'node:fs';

const [base, token, matchPath, shots] = process.argv.slice(2);
let n = 0, failed = 0;
const ok = (cond, what) => { n++; if (!cond) failed++; console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${what}`); };
const post = async (path, body) => {
  const r = await fetch(base + path, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, json: await r.json() };
};

// a promise, or an error after ms (nothing here may wait for ever)
const within = (p, ms, what) => Promise.race([p, new Promise((_, no) => setTimeout(() => no(new Error(what)), ms))]);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--headless=new'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  // the tournament view: group tables, the bracket, the scorers
  await page.goto(`${base}/#/t/FIFA%20World%20Cup/2018`);
  await page.waitForSelector('section h2:text("Group H")', { timeout: 10000 });
  const groupH = await page.locator('section:has(h2:text("Group H"))').innerText();
  ok(/Colombia/.test(groupH) && /Japan/.test(groupH) && /Senegal/.test(groupH), 'the 2018 Group H table is shown');
  ok(groupH.indexOf('Japan') < groupH.indexOf('Senegal'), 'Japan above Senegal (fair play)');
  ok(await page.locator('.tie').count() >= 15, 'the bracket is drawn');
  const scorers = await page.locator('section:has(h2:text("Scorers"))').innerText();
  ok(/Harry Kane/.test(scorers), 'the scorer chart (Kane top in 2018)');
  await page.screenshot({ path: `${shots}/tournament.png`, fullPage: true });
  ok(statSync(`${shots}/tournament.png`).size > 20000, 'a screenshot of the tournament view');

  // the match centre of a past match
  await page.locator('.tie', { hasText: 'France' }).last().click();
  await page.waitForSelector('#score', { timeout: 10000 });
  ok(/France/.test(await page.locator('#score').innerText()), 'a bracket match opens its match centre');

  // live: a goal posted through the API appears without a reload
  const m = await fetch(base + matchPath).then((r) => r.json());
  await page.goto(`${base}/#/match/${m.match.id}`);
  // this match's centre (the last one's #score and live state are on the page until it is drawn)
  await page.waitForFunction(() => /England v France/.test((document.getElementById('score') || {}).textContent || ''), null, { timeout: 10000 });
  await page.waitForSelector('.live-state.on', { timeout: 10000 });
  ok(true, 'the page follows the live feed');
  // every drawing of the match centre from here on, to see that none shows
  // the new score without its goal (renders started by the feed overlap)
  await page.evaluate(() => {
    window.torn = [];
    new MutationObserver(() => {
      const sc = document.getElementById('score'), tl = document.getElementById('timeline');
      if (sc && /1 – 0/.test(sc.textContent) && !(tl && /Harry Kane/.test(tl.textContent)))
        window.torn.push(tl ? tl.textContent : '(no timeline)');
    }).observe(document.getElementById('view'), { childList: true, subtree: true, characterData: true });
  });
  // the race made certain: the kick-off's render asks for the match and
  // its timeline at once; its match request is held until the goal is in,
  // so its two answers straddle the goal (as a slow network can make them)
  let held, release;
  const heldSeen = new Promise((res) => { held = res; });
  const goalIn = new Promise((res) => { release = res; });
  let holding = true;
  await page.route((u) => u.pathname === `/api/matches/${m.match.id}`, async (route) => {
    if (holding) { holding = false; held(); await goalIn; }
    await route.continue();
  });
  const k = await post(`${matchPath}/events`, { type: 'status', status: 'kickoff' });
  ok(k.status === 201, 'kick-off posted');
  await within(heldSeen, 10000, 'the kick-off did not redraw the match centre');
  const g = await post(`${matchPath}/events`, { type: 'goal', team: 'England', player: 'Harry Kane', minute: 30, penalty: true });
  ok(g.status === 201, `a goal posted${g.status === 201 ? '' : ': ' + JSON.stringify(g.json)}`);
  release();
  await page.waitForFunction(() => /1 – 0/.test(document.getElementById('score').textContent), null, { timeout: 10000 });
  ok(true, 'the score changes on the open page');
  const timeline = await page.locator('#timeline').innerText();
  ok(/30'/.test(timeline) && /Harry Kane/.test(timeline), 'the goal is in the timeline, with its minute');
  await page.waitForTimeout(300); // the feed's later renders, if any
  const torn = await page.evaluate(() => window.torn);
  ok(torn.length === 0, `never the new score without its goal${torn.length ? ': ' + torn.join(' | ') : ''}`);
  await page.screenshot({ path: `${shots}/live.png` });
  ok(statSync(`${shots}/live.png`).size > 10000, 'a screenshot of the live match centre');
  ok(errors.length === 0, `no script errors${errors.length ? ': ' + errors.join('; ') : ''}`);
} catch (e) {
  ok(false, `the page: ${e.message}`);
} finally {
  await browser.close();
}
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
