// Offline autosave journey: register through the form, start, answer questions 1-2 online
// (each saved as chosen), go offline, answer 3-5 and the prediction (kept and shown as
// offline, not on the server), come back online (everything saved by itself), hand in, and
// read the score. pytest checks the database at each checkpoint.
import {
  PARAMS, check, checkpoint, log, quizState, registerByForm, resultScore, run, saveState,
  shots, startQuiz, step, waitSaveState,
} from './lib.mjs';

function isSave(resp) {
  return resp.request().method() === 'POST' && /\/bai-thi\/\d+\/luu$/.test(resp.url());
}

// Choose the planned choices of one question (a click on each, as a person would).
async function choose(page, pos, ids, online) {
  for (const id of ids) {
    const input = page.locator(`input[name="a${pos}"][value="${id}"]`);
    if (online) {
      const saved = page.waitForResponse(isSave);
      await input.check();
      const resp = await saved;
      check(resp.status() === 200, `saving question ${pos} answered ${resp.status()}`);
      await waitSaveState(page, 'saved');
    } else {
      await input.check();
    }
  }
}

await run({}, async ({ context, page, allow }) => {
  // a save that cannot reach the server is logged by Chromium as a failed resource load
  allow.push(/ERR_INTERNET_DISCONNECTED/);
  await registerByForm(page, PARAMS.who);
  const attempt = await startQuiz(page);
  await shots(page, 'quiz');
  const shown = await quizState(page);
  const { plan } = await checkpoint('quiz', { attempt, shown });
  const positions = Object.keys(plan).map(Number).sort((a, b) => a - b);
  check(positions.length >= 5, `the plan has ${positions.length} questions`);

  // questions 1-2 online: each is saved as it is chosen
  for (const pos of positions.slice(0, 2)) {
    await choose(page, pos, plan[pos], true);
  }
  // the save state is a polite live region: screen readers announce "saved", "offline" as they come
  const live = await page.evaluate(() => {
    const el = document.getElementById('save-state');
    return { role: el.getAttribute('role'), live: el.getAttribute('aria-live'), text: el.textContent,
      saved: document.getElementById('quiz').getAttribute('data-msg-saved'),
      visible: el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' };
  });
  check(live.role === 'status' && live.live === 'polite', `the save state is not a live region: ${JSON.stringify(live)}`);
  check(live.text === live.saved && live.saved !== '' && live.visible, `the save state does not show "saved": ${JSON.stringify(live)}`);
  await checkpoint('online-saved', { state: await saveState(page) });
  await shots(page, 'quiz-saved');

  // offline: questions 3-5 and the prediction are kept in the page
  await context.setOffline(true);
  check(await page.evaluate(() => navigator.onLine === false), 'navigator.onLine is still true offline');
  for (const pos of positions.slice(2)) {
    await choose(page, pos, plan[pos], false);
  }
  await page.locator('#f-prediction').fill(PARAMS.prediction);
  await page.locator('#f-prediction').press('Tab'); // leaving the field commits it ("change")
  const offlineState = await waitSaveState(page, 'offline');
  const offlineMsg = await page.getAttribute('form#quiz', 'data-msg-offline');
  check(offlineState.text === offlineMsg, `offline state shows "${offlineState.text}", not "${offlineMsg}"`);
  const checked = await quizState(page);
  await shots(page, 'quiz-offline');
  // still offline while pytest looks at the database
  await checkpoint('offline', { state: offlineState, checked });
  await waitSaveState(page, 'offline'); // a retry in between must not have got through either

  // back online: the queue is sent by itself
  await context.setOffline(false);
  await waitSaveState(page, 'saved', 30000);
  log('saved after reconnecting');
  await shots(page, 'quiz-reconnected');
  await checkpoint('reconnected', { state: await saveState(page), checked: await quizState(page) });

  await step('"Nộp bài" leads to the result page', () => Promise.all([
    page.waitForURL(/\/ket-qua\/\d+$/),
    page.getByRole('button', { name: 'Nộp bài', exact: true }).click(),
  ]));
  await shots(page, 'result');
  return { attempt, result: await resultScore(page), url: page.url() };
});
