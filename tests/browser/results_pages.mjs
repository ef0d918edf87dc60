// The results as people read them: the secretariat's ranking, unit statistics, print page and
// certificates, and the public results, at 360, 375, 1366 and 1920 px. On every page and width:
//   - axe-core (WCAG 2.0 A/AA, 2.1 AA, best practices): serious and critical violations fail;
//   - no clipped column: no table scrolls sideways inside its box, no cell reaches past the
//     screen, the page itself no wider than the screen;
//   - no code shown to a user: a missing message ("[results.x]"), an identifier ("time_ms",
//     "window.closes", "headcount="), a cell that is a bare lower-case ASCII word ("age");
//   - on a ranking, each row's reason against its row's figures and the row above's, read from
//     the page's own ?format=xml: a reason that contradicts them fails.
// The print page and the certificates are also printed as PDF, which must be A4 (portrait,
// landscape) and carry the state heading of an official document.
// PARAMS: staff {user, password}, pages [{name, path, ranking?, pdf?: "portrait"|"landscape"}],
// shots (a folder: <name>-<width>.png at 375 and 1366 px).
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { PARAMS, check, log, run } from './lib.mjs';

const ROOT = process.env.QC_BASE.replace(/\/cuoc-thi$/, '');
const WIDTHS = [[360, 800], [375, 812], [1366, 768], [1920, 1080]];
const SHOT_WIDTHS = new Set([375, 1366]);
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'];
const problems = [];

// The page's visible layout: what is clipped, what looks like a code.
function inspect() {
  const out = { clipped: [], codes: [] };
  const vw = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > vw + 1) {
    out.clipped.push(`the page is ${document.documentElement.scrollWidth}px wide on a ${vw}px screen`);
  }
  for (const t of document.querySelectorAll('table')) {
    const box = t.closest('.table-wrap');
    if (box && box.scrollWidth > box.clientWidth + 1) {
      out.clipped.push(`${t.className || 'table'} scrolls: ${box.scrollWidth}px in ${box.clientWidth}px`);
    }
    for (const c of t.querySelectorAll('th, td')) {
      // a heading row hidden for the eye (a card per row: each cell names its column) is read
      // by screen readers only
      const head = c.closest('thead');
      if (head && getComputedStyle(head).position === 'absolute' && head.getBoundingClientRect().width <= 1) {
        continue;
      }
      const r = c.getBoundingClientRect();
      const hidden = getComputedStyle(c).display === 'none' || r.width === 0;
      if (!hidden && r.right > vw + 1) {
        out.clipped.push(`${t.className || 'table'}: "${c.innerText.slice(0, 30)}" ends at ${Math.round(r.right)}px of ${vw}px`);
        break;
      }
    }
    for (const c of t.querySelectorAll('th, td')) {
      const text = c.innerText.trim();
      if (/^[a-z]+(_[a-z]+)*$/.test(text) && text.length > 1) {
        out.codes.push(`a cell reads "${text}"`);
      }
    }
  }
  const text = document.body.innerText;
  const patterns = [/\[[a-z][a-z0-9_]*(\.[a-z0-9_]+)+\]/, /\b[a-z]+_[a-z_]+\b/, /\b[a-z]+=/,
    /\b(window|quiz|round|prizes|registration)\.[a-z]+/, /Cần xác minh: [a-z,]+(?!\p{L})/u];
  for (const re of patterns) {
    const m = text.match(re);
    if (m) { out.codes.push(`"${m[0]}"`); }
  }
  return out;
}

// What a row's reason must say, from the figures of the row and the row above (the XML).
function vnInt(v) { return String(v).replace(/\B(?=(\d{3})+(?!\d))/g, '.'); }
function vnSeconds(ms) {
  const whole = Math.floor(ms / 1000);
  const frac = String(ms % 1000).padStart(3, '0').replace(/0+$/, '');
  return vnInt(whole) + (frac ? `,${frac}` : '');
}
function expectedReasons(above, e, staff) {
  if (!above) { return ['đứng đầu bảng xếp hạng']; }
  const sa = +above.score, se = +e.score, ta = +above.timeMs, te = +e.timeMs;
  if (sa !== se) {
    if (sa < se) { return ['(a higher score below a lower one)']; }
    return [`kém điểm hơn người xếp trên: ${vnInt(se)} so với ${vnInt(sa)} điểm (kém ${vnInt(sa - se)})`];
  }
  if (ta !== te) {
    if (te < ta) { return ['(a faster time below a slower one)']; }
    return [`cùng điểm, chậm hơn ${vnSeconds(te - ta)} giây`];
  }
  const tie = 'cùng điểm, thời gian và dự đoán với người xếp trên: chờ Ban Tổ chức quyết định';
  if (!staff) {
    return e.pending ? [tie] : ['cùng điểm và thời gian, dự đoán xa đáp số hơn', 'Ban Tổ chức quyết định'];
  }
  if (above.distance !== e.distance) {
    if (e.distance === null) { return ['cùng điểm và thời gian, không có dự đoán']; }
    if (above.distance === null || +e.distance < +above.distance) { return ['(a closer prediction below)']; }
    return [`cùng điểm và thời gian, dự đoán xa hơn ${vnInt(+e.distance - +above.distance)}`];
  }
  if (e.rule === 'committee') {
    return [e.committee ? `Ban Tổ chức quyết định: ${e.committee}` : 'Ban Tổ chức quyết định'];
  }
  return e.pending ? [tie] : ['(equal rows not marked awaiting the committee)'];
}

async function checkReasons(page, ctx, p) {
  const sep = p.path.includes('?') ? '&' : '?';
  const res = await ctx.request.get(`${ROOT}${p.path}${sep}format=xml`);
  check(res.ok(), `${p.name}: ?format=xml answered ${res.status()}`);
  const xml = await res.text();
  const entries = await page.evaluate((src) => {
    const doc = new DOMParser().parseFromString(src, 'application/xml');
    return [...doc.querySelectorAll('results > ranking > entry')].map((n) => ({
      score: n.getAttribute('score'), timeMs: n.getAttribute('time-ms'),
      distance: n.getAttribute('distance'), rule: n.getAttribute('rule'),
      pending: n.getAttribute('pending') === '1',
      committee: n.querySelector('committee-reason') ? n.querySelector('committee-reason').textContent : '',
      reason: n.querySelector('reason') ? n.querySelector('reason').textContent : null,
    }));
  }, xml);
  const cells = await page.locator('table.ranking').last().locator('tbody tr td.rule').allInnerTexts();
  check(entries.length > 0, `${p.name}: the XML has no ranking`);
  check(cells.length === entries.length, `${p.name}: ${cells.length} reasons on the page, ${entries.length} rows in the XML`);
  const staff = p.path.startsWith('/ban-thu-ky');
  let checked = 0;
  entries.forEach((e, i) => {
    const want = expectedReasons(i ? entries[i - 1] : null, e, staff);
    const got = cells[i].trim();
    if (!want.includes(got) || e.reason !== got) {
      problems.push(`${p.name} row ${i + 1}: reads "${got}" (XML "${e.reason}"), its figures say "${want.join('" or "')}"`);
    }
    checked += 1;
  });
  return checked;
}

// A4 in PDF points: 595.28 x 841.89.
function mediaBox(pdf) {
  const m = pdf.toString('latin1').match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
  return m ? [+m[1], +m[2]] : null;
}

await run({ httpCredentials: { username: PARAMS.staff.user, password: PARAMS.staff.password } },
  async ({ page, context }) => {
    const out = { pages: [], reasons: 0, shots: [], pdf: {} };
    if (PARAMS.shots) { mkdirSync(PARAMS.shots, { recursive: true }); }
    for (const p of PARAMS.pages) {
      const resp = await page.goto(ROOT + p.path);
      check(resp.ok(), `${p.name}: ${p.path} answered ${resp.status()}`);
      for (const [width, height] of WIDTHS) {
        await page.setViewportSize({ width, height });
        const axe = await new AxeBuilder({ page })
          .options({ resultTypes: ['violations'] }).withTags(TAGS)
          .exclude('table tbody tr:nth-child(n+21)')
          .setLegacyMode(true).analyze();
        for (const v of axe.violations) {
          if (v.impact === 'serious' || v.impact === 'critical') {
            problems.push(`${p.name} at ${width}px: axe ${v.id} (${v.help}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
          }
        }
        const seen = await page.evaluate(inspect);
        for (const c of seen.clipped) { problems.push(`${p.name} at ${width}px: clipped: ${c}`); }
        for (const c of seen.codes) { problems.push(`${p.name} at ${width}px: a code shown: ${c}`); }
        if (PARAMS.shots && SHOT_WIDTHS.has(width)) {
          // the page's top 2500 px: a ranking of 200 cards is far taller than anyone scrolls
          const file = path.join(PARAMS.shots, `${p.name}-${width}.png`);
          const tall = await page.evaluate(() => document.documentElement.scrollHeight);
          await page.setViewportSize({ width, height: Math.max(height, Math.min(tall, 2500)) });
          await page.screenshot({ path: file });
          await page.setViewportSize({ width, height });
          out.shots.push(file);
        }
      }
      if (p.ranking) {
        out.reasons += await checkReasons(page, context, p);
      }
      if (p.pdf) {
        const text = await page.locator('body').innerText();
        for (const must of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số:']) {
          if (!text.includes(must)) { problems.push(`${p.name}: the document lacks "${must}"`); }
        }
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        const box = mediaBox(pdf);
        const [w, h] = p.pdf === 'landscape' ? [841.89, 595.28] : [595.28, 841.89];
        if (!box || Math.abs(box[0] - w) > 3 || Math.abs(box[1] - h) > 3) {
          problems.push(`${p.name}: the PDF's page is ${box ? box.join(' x ') : 'unknown'} pt, not A4 ${p.pdf}`);
        }
        const file = path.join(PARAMS.shots || '/tmp', `${p.name}.pdf`);
        const { writeFileSync } = await import('node:fs');
        writeFileSync(file, pdf);
        out.pdf[p.name] = { box, bytes: pdf.length, file };
      }
      out.pages.push(p.name);
      log(`${p.name}: checked`);
    }
    check(problems.length === 0, `${problems.length} problem(s):\n${problems.slice(0, 40).join('\n')}`);
    return out;
  });
