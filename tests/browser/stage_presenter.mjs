// The on-stage contest in a real browser: the presenter's projector screen draws a question
// for a team from a topic, shows it large with a running countdown and without its answer,
// reveals the answer when the presenter clicks; then the public live scoreboard, left open,
// shows the team's new total once a judge records the right answer (pytest does that at the
// "board" checkpoint), without the page being reloaded.
// PARAMS: team (id), topic, expect_question, expect_answer, expect_total.
import { run, check, checkpoint, shots, step, BASE, PARAMS } from './lib.mjs';

const ROOT = new URL(BASE).origin;

run({ httpCredentials: { username: 'thuky', password: 'secret-pass' } }, async ({ context, page }) => {
  await page.goto(ROOT + '/ban-thu-ky/san-khau/trinh-chieu');
  await page.selectOption('#team', PARAMS.team);
  await page.selectOption('#part', 'kien-thuc');
  await page.selectOption('#topic', PARAMS.topic);
  await step('"Bốc thăm" shows the drawn question', () => Promise.all([
    page.waitForURL(/\/san-khau\/trinh-chieu$/), page.click('#draw')]));
  const body = (await page.textContent('.question-body')).trim();
  check(body === PARAMS.expect_question, `the drawn question is "${body}"`);
  check(await page.locator('li.correct').count() === 0, 'the answer shows before it is revealed');
  check(await page.locator('#answer').count() === 0, 'the answer line shows before it is revealed');
  const first = Number(await page.textContent('#countdown .seconds'));
  check(first > 0 && first <= 20, `the countdown starts at ${first}`);
  await step('the countdown counts down', () => page.waitForFunction(
    (s) => Number(document.querySelector('#countdown .seconds').textContent) < s, first,
    { timeout: 5000, polling: 100 }));
  await shots(page, 'presenter-question');
  await checkpoint('drawn', { seconds: first });

  await step('"Hiện đáp án" reveals the answer', () => Promise.all([
    page.waitForURL(/\/san-khau\/trinh-chieu$/), page.click('#reveal')]));
  check(await page.locator('li.correct').count() === 1, 'one choice is marked correct');
  const answer = (await page.textContent('li.correct')).trim();
  check(answer === PARAMS.expect_answer, `the revealed answer is "${answer}"`);
  await shots(page, 'presenter-answer');
  await checkpoint('revealed');

  const board = await context.newPage();
  await board.goto(BASE + '/bang-diem');
  await board.evaluate(() => { window.qcNotReloaded = true; });
  const cell = `#team-${PARAMS.team} .total`;
  const before = (await board.textContent(cell)).trim();
  await shots(board, 'scoreboard-before');
  await checkpoint('board', { before });
  await step(`the scoreboard shows ${PARAMS.expect_total} without a reload`, () =>
    board.waitForFunction(([sel, want]) => window.qcNotReloaded === true &&
      document.querySelector(sel).textContent.trim() === want, [cell, PARAMS.expect_total],
      { timeout: 15000, polling: 200 }));
  const firstRow = await board.getAttribute('#scoreboard tbody tr:first-child', 'id');
  check(firstRow === `team-${PARAMS.team}`, `the leading row is ${firstRow}`);
  await shots(board, 'scoreboard-after');
  return { before, after: PARAMS.expect_total };
});
