// The quiz page's countdown follows the server's remaining time: when the page is opened, after
// a reload (when the server's deadline has meanwhile moved, and with the device's clock wrong by
// hours), and as it runs. pytest compares each reading with the database's clock.
import {
  PARAMS, check, checkpoint, registerByForm, run, shots, startQuiz,
} from './lib.mjs';

async function reading(page) {
  await page.waitForSelector('#countdown[data-left-ms]', { state: 'attached' });
  return page.evaluate(() => {
    const c = document.getElementById('countdown');
    return {
      left_ms: Number(c.getAttribute('data-left-ms')),
      text: c.textContent,
      deadline_iso: document.getElementById('deadline').getAttribute('datetime'),
      deadline_text: document.getElementById('deadline').textContent,
      device_now_ms: Date.now(),
    };
  });
}

await run({}, async ({ context, page }) => {
  await registerByForm(page, PARAMS.who);
  const attempt = await startQuiz(page);
  const first = await reading(page);
  await shots(page, 'quiz');
  await checkpoint('opened', { attempt, reading: first });

  // meanwhile pytest moved the deadline on the server. The device's clock is now 3 h slow:
  // the countdown must not care.
  const skewMs = -3 * 3600 * 1000;
  await context.addInitScript((skew) => {
    const RealDate = Date;
    class SkewedDate extends RealDate {
      constructor(...args) { if (args.length === 0) { super(RealDate.now() + skew); } else { super(...args); } }
      static now() { return RealDate.now() + skew; }
    }
    globalThis.Date = SkewedDate;
  }, skewMs);
  await page.reload();
  const second = await reading(page);
  check(Math.abs(second.device_now_ms - (Date.now() + skewMs)) < 60000, 'the device clock was not skewed');
  await shots(page, 'quiz-reloaded');
  await checkpoint('reloaded', { attempt, reading: second });

  // and it runs: wait until it has counted down 2.5 s more, then compare again
  await page.waitForFunction((from) => {
    const c = document.getElementById('countdown');
    return Number(c.getAttribute('data-left-ms')) <= from - 2500;
  }, second.left_ms, { timeout: 10000, polling: 100 });
  const third = await reading(page);
  await checkpoint('running', { attempt, reading: third });
  return { attempt, readings: [first, second, third] };
});
