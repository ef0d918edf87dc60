// Every page, checked by axe-core and photographed at a phone's and a laptop's size.
// pytest (tests/http/test_pages.py) passes the pages reached by a plain GET in PARAMS.pages
// (one line each there); with PARAMS.journey this script adds the pages only a person's actions
// reach: a registration form and a login form sent back with errors, the quiz with an answer
// saved, the result (also as printed), the account with its history, and an error page (a form
// sent with an outdated security token). On each page, at 375x812 and 1366x768:
//   - axe-core with the WCAG 2.0 A/AA and 2.1 AA rules and its best practices (landmarks,
//     heading order, ...): every serious or critical violation is collected (the test fails
//     listing all of them, not just the first); moderate and minor ones are reported;
//   - nothing wider than the screen, also at 360 px (a phone never scrolls sideways; wide
//     tables scroll in their own div.table-wrap);
//   - a full-page screenshot, <QC_SHOTS>/<QC_NAME>-<name>-<width>x<height>.png;
//   - exactly one h1.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import {
  PARAMS, check, formErrors, log, registerByForm, resultScore, run, startQuiz, step,
  url, waitSaveState,
} from './lib.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'];
const VIEWPORTS = [[375, 812], [1366, 768]];
const SHOTS = process.env.QC_SHOTS;
const PREFIX = process.env.QC_NAME || 'pages';
const AXE_TIMEOUT = 20000;

const violations = [];   // serious and critical, every page and viewport
const minor = {};        // rule id -> pages, the moderate and minor ones (reported, not failed)
const overflow = [];     // pages wider than a phone's screen
const headings = [];     // pages without exactly one h1
const visited = [];
const timing = { axe: 0, shots: 0 };

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: more than ${ms} ms`)), ms); }),
  ]);
}

// The checks of one page as it is now: axe, width and a screenshot at each viewport.
async function audit(page, name) {
  log(`audit ${name} ${page.url()}`);
  visited.push({ name, url: page.url() });
  for (const [width, height] of VIEWPORTS) {
    await page.setViewportSize({ width, height });
    const t = Date.now();
    const res = await withTimeout(new AxeBuilder({ page })
      .options({ resultTypes: ['violations'] })   // first: options() replaces what withTags sets
      .withTags(TAGS)
      // rows of a long table come from one template: the first 20 stand for the rest
      .exclude('table tbody tr:nth-child(n+21)')
      .setLegacyMode(true).analyze(),
      AXE_TIMEOUT, `axe on ${name}`);
    timing.axe += Date.now() - t;
    for (const v of res.violations) {
      if (v.impact === 'serious' || v.impact === 'critical') {
        violations.push({
          page: name, viewport: `${width}x${height}`, rule: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} — ${
            (n.failureSummary || '').split('\n').slice(1).join(' ').trim()}`),
        });
      } else {
        (minor[v.id] = minor[v.id] || new Set()).add(name);
      }
    }
    const wide = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth, screen: document.documentElement.clientWidth,
    }));
    if (wide.page > wide.screen) {
      overflow.push(`${name} at ${width}px is ${wide.page}px wide`);
    }
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      const t2 = Date.now();
      await page.screenshot({ path: path.join(SHOTS, `${PREFIX}-${name}-${width}x${height}.png`), fullPage: true });
      timing.shots += Date.now() - t2;
    }
  }
  // the narrowest phones in use: 360 px, still no sideways scrolling
  await page.setViewportSize({ width: 360, height: 740 });
  const narrow = await page.evaluate(() => document.documentElement.scrollWidth);
  if (narrow > 360) {
    overflow.push(`${name} at 360px is ${narrow}px wide`);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  const h1 = await page.locator('h1').allTextContents();
  if (h1.length !== 1 || !h1[0].trim()) {
    headings.push(`${name} has ${h1.length} h1 (${h1.join(' | ')})`);
  }
}

// The page as printed: black on white, no navigation, no buttons; a PDF (A4) next to the shots.
async function printed(page, name) {
  await page.emulateMedia({ media: 'print' });
  const seen = await page.evaluate(() => {
    const shown = (el) => el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
    const body = getComputedStyle(document.body);
    return {
      nav: [...document.querySelectorAll('nav, .skip, .button, button')].filter(shown)
        .map((e) => e.outerHTML.slice(0, 80)),
      background: body.backgroundColor, color: body.color,
      main: shown(document.querySelector('main')),
    };
  });
  check(seen.nav.length === 0, `${name} prints navigation or buttons: ${seen.nav.join(' ')}`);
  check(/^rgba?\(255, 255, 255/.test(seen.background) || seen.background === 'rgba(0, 0, 0, 0)',
    `${name} prints on ${seen.background}, not white`);
  check(seen.color === 'rgb(0, 0, 0)', `${name} prints its text in ${seen.color}, not black`);
  check(seen.main, `${name} prints without its content`);
  if (SHOTS) {
    await page.screenshot({ path: path.join(SHOTS, `${PREFIX}-${name}-print.png`), fullPage: true });
    await page.pdf({ path: path.join(SHOTS, `${PREFIX}-${name}-print.pdf`), format: 'A4', printBackground: true });
  }
  await page.emulateMedia({ media: null });
}

async function go(page, target, name, status = 200) {
  const resp = await step(`opening ${name} (${target})`, () => page.goto(target));
  check(resp && resp.status() === status, `${name}: ${target} answered ${resp && resp.status()}, not ${status}`);
  await audit(page, name);
}

// The contestant's journey through the pages only actions reach.
async function journey(page, who) {
  // registration sent back with errors, next to each field
  await page.goto(url('/dang-ky'));
  await page.fill('#f-full_name', '');
  await page.fill('#f-phone', '12ab');
  await page.fill('#f-password', 'ngan');
  await page.fill('#f-password2', 'khac');
  await step('the registration form comes back with its errors', () => Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && /\/dang-ky$/.test(r.url())),
    page.getByRole('button', { name: 'Đăng ký', exact: true }).click(),
  ]));
  await page.waitForLoadState('load');
  check(await page.locator('.field-error').count() >= 2,
    `the refused registration shows no errors next to its fields: ${await formErrors(page)}`);
  await audit(page, 'register-errors');

  // a login refused
  await page.goto(url('/dang-nhap'));
  await page.fill('#f-phone', who.phone);
  await page.fill('#f-password', 'KhongPhaiMatKhau1');
  await step('the login form comes back with its error', () => Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && /\/dang-nhap$/.test(r.url())),
    page.getByRole('button', { name: 'Đăng nhập', exact: true }).click(),
  ]));
  await page.waitForLoadState('load');
  check(await page.locator('.form-error').count() === 1, 'the refused login shows no error');
  await audit(page, 'login-error');

  // the quiz, with one answer saved (the save state shows), then every question answered
  await registerByForm(page, who);
  const attempt = await startQuiz(page);
  await page.locator('fieldset[data-position="1"] input').first().check();
  await waitSaveState(page, 'saved');
  await audit(page, 'quiz');
  for (const fs of await page.locator('fieldset[data-position]').all()) {
    await fs.locator('input').first().check();
  }
  await page.fill('#f-prediction', '1234');
  await step('"Nộp bài" leads to the result page', () => Promise.all([
    page.waitForURL(/\/ket-qua\/\d+$/),
    page.getByRole('button', { name: 'Nộp bài', exact: true }).click(),
  ]));
  const result = await resultScore(page);
  await audit(page, 'result');
  await printed(page, 'result');
  await go(page, url('/tai-khoan'), 'account');

  // an error page: the logout form sent with a token that is no longer right
  await page.evaluate(() => {
    document.querySelector('form[action$="/dang-xuat"] input[name=csrf]').value = 'x'.repeat(43);
  });
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && /\/dang-xuat$/.test(r.url())),
    page.getByRole('button', { name: /Đăng xuất/ }).click(),
  ]);
  await page.waitForLoadState('load');
  check(resp.status() === 403, `the logout with an outdated token answered ${resp.status()}, not 403`);
  await audit(page, 'error-403');
  return { attempt, result };
}

await run({ httpCredentials: PARAMS.staff_credentials }, async ({ page, allow }) => {
  // error pages (403, 404) and forms sent back (422): Chromium logs their status in the console
  allow.push(/Failed to load resource: the server responded with a status of (403|404|422)/);
  // the pages reached by a link (pytest's list)
  for (const p of PARAMS.pages) {
    await go(page, p.url, p.name, p.status || 200);
  }
  const out = PARAMS.journey ? await journey(page, PARAMS.who) : {};

  const listed = violations.map((v) => `${v.page} ${v.viewport}: ${v.rule} (${v.impact}) ${v.help}\n    ` +
    v.nodes.join('\n    ')).join('\n');
  const others = Object.fromEntries(Object.entries(minor).map(([k, set]) => [k, [...set]]));
  log(`checked ${visited.length} pages; axe ${timing.axe} ms, screenshots ${timing.shots} ms; ` +
    `moderate/minor: ${JSON.stringify(others)}`);
  check(violations.length === 0, `axe-core found ${violations.length} serious or critical violation(s):\n${listed}`);
  check(overflow.length === 0, `pages wider than the screen: ${overflow.join('; ')}`);
  check(headings.length === 0, `pages without one h1: ${headings.join('; ')}`);
  return { ...out, visited, timing, minor: others };
});
