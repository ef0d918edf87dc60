// With JavaScript off the contest still works as plain forms: register, log out, log in, start,
// answer every question and the prediction, "Lưu bài" (saved, and shown again as saved), then
// "Nộp bài" and the result page. pytest checks the database at each checkpoint.
import {
  PARAMS, check, checkpoint, quizState, registerByForm, resultScore, run, shots, startQuiz, step,
} from './lib.mjs';

await run({ javaScriptEnabled: false }, async ({ page }) => {
  const who = PARAMS.who;
  await registerByForm(page, who);

  // log out, then log in through the form
  await step('"Đăng xuất" leaves the account page', () => Promise.all([
    page.waitForURL((u) => !u.pathname.endsWith('/tai-khoan')),
    page.getByRole('button', { name: /^Đăng xuất/ }).click(),
  ]));
  await shots(page, 'logged-out');
  await step('the "Đăng nhập" link leads to the login form', () => Promise.all([
    page.waitForURL(/\/dang-nhap$/),
    page.getByRole('link', { name: 'Đăng nhập', exact: true }).first().click(),
  ]));
  await shots(page, 'login');
  await page.fill('#f-phone', who.phone);
  await page.fill('#f-password', who.password);
  await step('"Đăng nhập" leads to the account page', () => Promise.all([
    page.waitForURL(/\/tai-khoan(\?|$)/),
    page.getByRole('button', { name: 'Đăng nhập', exact: true }).click(),
  ]));
  await shots(page, 'account');

  const attempt = await startQuiz(page);
  await shots(page, 'quiz');
  // no script ran: no countdown, no save state
  const scripted = await page.evaluate(() => ({
    countdown: document.getElementById('countdown').textContent,
    state: document.getElementById('save-state').getAttribute('data-state'),
  }));
  check(scripted.countdown === '' && scripted.state === null, `the page's script ran: ${JSON.stringify(scripted)}`);
  const { plan } = await checkpoint('quiz', { attempt, shown: await quizState(page) });

  for (const [pos, ids] of Object.entries(plan)) {
    for (const id of ids) { await page.locator(`input[name="a${pos}"][value="${id}"]`).check(); }
  }
  await page.fill('#f-prediction', PARAMS.prediction);
  await step('"Lưu bài" leads to the quiz page marked saved=1', () => Promise.all([
    page.waitForURL(/\/bai-thi\/\d+\?saved=1$/),
    page.getByRole('button', { name: 'Lưu bài', exact: true }).click(),
  ]));
  const notice = await page.locator('p.notice[role=status]').textContent();
  check(notice.trim() === 'Đã lưu các câu trả lời.', `no saved notice, found "${notice}"`);
  const prediction = await page.inputValue('#f-prediction');
  await shots(page, 'quiz-saved');
  await checkpoint('saved', { attempt, checked: await quizState(page), prediction });

  await step('"Nộp bài" leads to the result page', () => Promise.all([
    page.waitForURL(/\/ket-qua\/\d+$/),
    page.getByRole('button', { name: 'Nộp bài', exact: true }).click(),
  ]));
  await shots(page, 'result');
  return { attempt, result: await resultScore(page), url: page.url(),
    prediction_shown: (await page.textContent('dd.prediction')).trim() };
});
