// A slow connection: while the save of one choice is on its way, the contestant changes their
// mind on the same question. The newer choice must be the one saved, and "saved" must not be
// shown before it is. Every save is delayed by 400 ms.
import { PARAMS, check, checkpoint, quizState, registerByForm, run, shots, startQuiz, waitSaveState } from './lib.mjs';

await run({}, async ({ context, page }) => {
  await context.route(/\/bai-thi\/\d+\/luu$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  });
  await registerByForm(page, PARAMS.who);
  const attempt = await startQuiz(page);
  const shown = await quizState(page);
  const pos = Object.keys(shown).find((p) => shown[p].kind === 'single');
  check(pos, 'no single-answer question on the page');
  const [first, second] = shown[pos].choices;
  await page.locator(`input[name="a${pos}"][value="${first}"]`).check();
  // while a save is on its way the page says so
  const saving = await waitSaveState(page, 'saving', 5000);
  const savingMsg = await page.getAttribute('form#quiz', 'data-msg-saving');
  check(saving.text === savingMsg && savingMsg !== '', `the saving state shows "${saving.text}", not "${savingMsg}"`);
  await page.waitForTimeout(100); // the first save is on its way
  await page.locator(`input[name="a${pos}"][value="${second}"]`).check();
  await waitSaveState(page, 'saved', 20000);
  await shots(page, 'slow-save');
  await checkpoint('saved', { attempt, position: Number(pos), first, second });
  return { attempt, position: Number(pos), first, second };
});
