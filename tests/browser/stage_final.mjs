// The live scoreboard says "provisional" while the judges score; when the secretariat closes
// the judging (pytest does that at the "open" checkpoint), the page left open says the results
// are final, without being reloaded (stage.js reads it from the page's XML).
// PARAMS: provisional, final (the two texts).
import { run, check, checkpoint, shots, step, BASE, PARAMS } from './lib.mjs';

run({}, async ({ page }) => {
  await page.goto(BASE + '/bang-diem');
  await page.evaluate(() => { window.qcNotReloaded = true; });
  const before = (await page.textContent('#board-state')).trim();
  check(before === PARAMS.provisional, `the board says "${before}" while judging is open`);
  await checkpoint('open', { before });
  await step('the board says the results are final without a reload', () =>
    page.waitForFunction((want) => window.qcNotReloaded === true &&
      document.querySelector('#board-state').textContent.trim() === want, PARAMS.final,
      { timeout: 15000, polling: 200 }));
  await shots(page, 'scoreboard-final');
  return { before, after: (await page.textContent('#board-state')).trim() };
});
