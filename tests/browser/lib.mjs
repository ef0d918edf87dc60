// Shared helpers of the browser tests. Each test script is started by a pytest test in
// tests/http/test_browser_quiz.py, which passes:
//   QC_BASE    the site's contestant location, e.g. http://127.0.0.1:PORT/cuoc-thi
//   QC_SHOTS   the folder for screenshots (.work/results/screenshots)
//   QC_NAME    a prefix for this test's screenshots
//   QC_PARAMS  JSON: the contestant to register, and what else the test needs
// The script talks to pytest over its standard streams: checkpoint() prints one JSON line
// {"checkpoint": NAME, ...} and waits for pytest's one-line JSON answer (pytest checks the
// database meanwhile); the last line the script prints is its result {"ok": true|false, ...}.
// Only Debian's Chromium is used (/usr/bin/chromium); nothing here downloads a browser.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.QC_CHROMIUM || '/usr/bin/chromium';
export const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync'];
export const STEP_TIMEOUT = 15000;   // any one wait; none is longer than 30 s
export const VIEWPORTS = [[375, 812], [1366, 768]];

export const BASE = process.env.QC_BASE;
export const PARAMS = JSON.parse(process.env.QC_PARAMS || '{}');
const SHOTS = process.env.QC_SHOTS;
const NAME = process.env.QC_NAME || 'browser';
const t0 = Date.now();
let shotNo = 0;

export function log(...args) {
  process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(2)}s] ${args.join(' ')}\n`);
}

export class TestFailure extends Error {}

export function check(cond, message) {
  if (!cond) { throw new TestFailure(message); }
}

// ---- talking to pytest -------------------------------------------------------------------
const lines = readline.createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();

export async function checkpoint(name, data = {}) {
  log(`checkpoint ${name}`);
  process.stdout.write(JSON.stringify({ checkpoint: name, ...data }) + '\n');
  const next = await lines.next();
  if (next.done) { throw new Error(`pytest closed the channel at checkpoint ${name}`); }
  const answer = JSON.parse(next.value);
  if (answer.abort) { throw new TestFailure(`pytest stopped the test at ${name}: ${answer.abort}`); }
  return answer;
}

// ---- the browser ---------------------------------------------------------------------------
// A fresh browser with a fresh profile (launch() uses a new temporary user-data dir), one context.
export async function openBrowser(contextOptions = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run tests/browser/install.sh (apt package chromium)`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS, timeout: 30000,
  });
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh',
    ...contextOptions,
  });
  context.setDefaultTimeout(STEP_TIMEOUT);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT);
  // the site has no favicon: answer it here so no request leaves the contest's pages
  await context.route('**/favicon.ico', (route) => route.fulfill({ status: 204, body: '' }));
  const page = await context.newPage();
  // errors in the page fail the test, except those a test expects (allow: regular expressions)
  const problems = [];
  const allow = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !allow.some((re) => re.test(msg.text()))) {
      problems.push(`console: ${msg.text()}`);
    }
  });
  return { browser, context, page, problems, allow };
}

// Screenshots of the page as it is now, at a phone's and a laptop's viewport.
export async function shots(page, label) {
  if (!SHOTS) { return; }
  mkdirSync(SHOTS, { recursive: true });
  shotNo += 1;
  const before = page.viewportSize();
  for (const [width, height] of VIEWPORTS) {
    await page.setViewportSize({ width, height });
    const file = path.join(SHOTS, `${NAME}-${String(shotNo).padStart(2, '0')}-${label}-${width}x${height}.png`);
    await page.screenshot({ path: file, fullPage: false });
  }
  if (before) { await page.setViewportSize(before); }
}

// Run a test: fn({browser, context, page, problems}) returns the result object; the last line
// printed is {"ok": true, ...result} or {"ok": false, "error": ...}. Exit status 0 or 1.
export async function run(contextOptions, fn) {
  let b = null;
  let out;
  try {
    b = await openBrowser(contextOptions);
    const result = await fn(b);
    check(b.problems.length === 0, `errors in the page: ${b.problems.join('; ')}`);
    out = { ok: true, ...result, elapsed_ms: Date.now() - t0 };
  } catch (err) {
    out = { ok: false, error: String(err && err.message || err), kind: err instanceof TestFailure ? 'assertion' : 'error',
      url: b && b.page ? b.page.url() : null, problems: b ? b.problems : [], elapsed_ms: Date.now() - t0 };
    log(err && err.stack || err);
    if (b && b.page) {
      try { await shots(b.page, 'FAILED'); } catch (e) { log(`no screenshot of the failure: ${e.message}`); }
    }
  }
  if (b) {
    try { await b.browser.close(); } catch (e) { log(`closing the browser: ${e.message}`); }
  }
  process.stdout.write(JSON.stringify(out) + '\n');
  process.exit(out.ok ? 0 : 1);
}

// ---- the contest's pages --------------------------------------------------------------------
export function url(p) { return BASE + p; }

// Wait for the save-state element to say `state` (saving, saved, offline, stale, closed);
// returns {state, text} as read at that moment.
export async function waitSaveState(page, state, timeout = STEP_TIMEOUT) {
  try {
    const seen = await page.waitForFunction((s) => {
      const el = document.getElementById('save-state');
      return el && el.getAttribute('data-state') === s ? { state: s, text: el.textContent } : false;
    }, state, { timeout, polling: 50 });
    return await seen.jsonValue();
  } catch (err) {
    const now = await saveState(page).catch(() => null);
    throw new TestFailure(`the save state did not become "${state}" within ${timeout} ms; ` +
      `it is ${JSON.stringify(now)} (${err.message.split('\n')[0]})`);
  }
}

// Run one step; an error says which step it was.
export async function step(what, fn) {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof TestFailure) { throw err; }
    throw new TestFailure(`${what}: ${err.message.split('\n')[0]}`);
  }
}

export async function saveState(page) {
  return page.evaluate(() => {
    const el = document.getElementById('save-state');
    return el ? { state: el.getAttribute('data-state'), text: el.textContent } : null;
  });
}

// What the quiz page shows: positions, kinds and choice ids, and what is checked.
export async function quizState(page) {
  return page.evaluate(() => {
    const out = {};
    for (const fs of document.querySelectorAll('fieldset[data-position]')) {
      const pos = fs.getAttribute('data-position');
      out[pos] = {
        kind: fs.getAttribute('data-kind'),
        choices: [...fs.querySelectorAll('input')].map((i) => i.value),
        checked: [...fs.querySelectorAll('input')].filter((i) => i.checked).map((i) => i.value),
      };
    }
    return out;
  });
}

export function attemptIdOf(page) {
  const m = /\/bai-thi\/(\d+)/.exec(page.url());
  check(m, `not on a quiz page: ${page.url()}`);
  return m[1];
}

// The error messages a refused form shows.
export async function formErrors(page) {
  return page.evaluate(() => [...document.querySelectorAll('.form-error, .field-error')]
    .map((e) => e.textContent.trim()).join(' | ') || '(no error message)').catch(() => '?');
}

// Fill the registration form with the mouse and keyboard as a person would (every field).
export async function registerByForm(page, who) {
  await page.goto(url('/dang-ky'));
  await shots(page, 'register');
  await page.fill('#f-full_name', who.full_name);
  await page.fill('#f-dob', who.dob);
  await page.fill('#f-phone', who.phone);
  await page.fill('#f-cccd', who.cccd);
  await page.fill('#f-email', who.email);
  await page.selectOption('#f-unit_id', { label: who.unit_label });
  await page.getByLabel(who.group_label, { exact: true }).check();
  await page.fill('#f-password', who.password);
  await page.fill('#f-password2', who.password);
  await shots(page, 'register-filled');
  await step('"Đăng ký" leads to the account page', () => Promise.all([
    page.waitForURL(/\/tai-khoan(\?|$)/),
    page.getByRole('button', { name: 'Đăng ký', exact: true }).click(),
  ]).catch(async (err) => {
    throw new Error(`${err.message.split('\n')[0]}; the page says: ${await formErrors(page)}`);
  }));
  await shots(page, 'account');
}

// On the account page: "Bắt đầu làm bài", and the quiz page is there.
export async function startQuiz(page) {
  await step('"Bắt đầu làm bài" leads to the quiz page', () => Promise.all([
    page.waitForURL(/\/bai-thi\/\d+$/),
    page.getByRole('button', { name: 'Bắt đầu làm bài' }).click(),
  ]));
  await page.waitForSelector('form#quiz');
  return attemptIdOf(page);
}

// The score on the result page, "N/M".
export async function resultScore(page) {
  const text = (await page.textContent('dd.score')).trim();
  const m = /^(\d+)\/(\d+)$/.exec(text);
  check(m, `the result page shows no score N/M: "${text}"`);
  return { score: Number(m[1]), questions: Number(m[2]), text };
}

// Press Tab until the focused element matches selector; fails after max presses.
export async function tabTo(page, selector, max = 60) {
  const seen = [];
  for (let i = 0; i <= max; i++) {
    const here = await page.evaluate((sel) => {
      const a = document.activeElement;
      if (!a || a === document.body) { return { match: false, what: 'body' }; }
      const what = a.tagName.toLowerCase() + (a.id ? '#' + a.id : '') + (a.name ? `[name=${a.name}]` : '') +
        (a.value && a.type !== 'password' && a.tagName !== 'BUTTON' ? `=${a.value}` : '') +
        (a.tagName === 'BUTTON' || a.tagName === 'A' ? `"${a.textContent.trim()}"` : '');
      return { match: a.matches(sel), what };
    }, selector);
    if (here.match) { return i; }
    seen.push(here.what);
    if (i < max) { await page.keyboard.press('Tab'); }
  }
  throw new TestFailure(`${max} presses of Tab never reached ${selector}; the last stops: ` +
    seen.slice(-25).join(' > '));
}
