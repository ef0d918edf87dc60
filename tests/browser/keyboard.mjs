// Keyboard only: register (Tab between fields, typing, arrows in the unit list, Space and arrows
// in the group radios, Enter on the button), start the quiz, answer every question (arrows in
// a radio group, Space on a check box), type the prediction, and hand in with Enter. Nothing is
// clicked; the page is only read (where the focus is, what is chosen) to steer the keys.
import {
  PARAMS, check, quizState, resultScore, run, shots, step, tabTo, url,
  waitSaveState,
} from './lib.mjs';

const key = (page, k) => page.keyboard.press(k);

async function selectedLabel(page, sel) {
  return page.evaluate((s) => {
    const el = document.querySelector(s);
    return el.selectedIndex >= 0 ? el.options[el.selectedIndex].label.trim() : null;
  }, sel);
}

async function checkedRadioLabel(page, name) {
  return page.evaluate((n) => {
    const r = document.querySelector(`input[name="${n}"]:checked`);
    return r ? r.closest('label').textContent.trim() : null;
  }, name);
}

function isSave(resp) {
  return resp.request().method() === 'POST' && /\/bai-thi\/\d+\/luu$/.test(resp.url());
}

await run({}, async ({ page }) => {
  const who = PARAMS.who;
  await page.goto(url('/dang-ky'));
  await shots(page, 'register');

  await tabTo(page, '#f-full_name');
  await page.keyboard.type(who.full_name);
  await tabTo(page, '#f-dob');
  // the birthday typed the way Vietnamese write it, day/month/year, into a text field
  const [y, m, d] = who.dob.split('-');
  const typed = `${d}/${m}/${y}`;
  check(await page.getAttribute('#f-dob', 'inputmode') === 'numeric', 'the date of birth has no number pad');
  await page.keyboard.type(typed);
  const dob = await page.inputValue('#f-dob');
  check(dob === typed, `typing ${typed} into the date of birth gave "${dob}"`);
  await tabTo(page, '#f-phone');
  await page.keyboard.type(who.phone);
  await tabTo(page, '#f-cccd');
  await page.keyboard.type(who.cccd);
  await tabTo(page, '#f-email');
  await page.keyboard.type(who.email);

  await tabTo(page, '#f-unit_id');
  for (let i = 0; i < 20 && (await selectedLabel(page, '#f-unit_id')) !== who.unit_label; i++) {
    await key(page, 'ArrowDown');
  }
  check((await selectedLabel(page, '#f-unit_id')) === who.unit_label,
    `the arrow keys never selected the unit "${who.unit_label}"`);

  await tabTo(page, 'input[name="group_id"]');
  await key(page, 'Space');
  for (let i = 0; i < 5 && (await checkedRadioLabel(page, 'group_id')) !== who.group_label; i++) {
    await key(page, 'ArrowDown');
  }
  check((await checkedRadioLabel(page, 'group_id')) === who.group_label,
    `Space and the arrow keys never chose the group "${who.group_label}"`);

  await tabTo(page, '#f-password');
  await page.keyboard.type(who.password);
  await tabTo(page, '#f-password2');
  await page.keyboard.type(who.password);
  await shots(page, 'register-filled');
  await tabTo(page, 'form[action$="/dang-ky"] button[type="submit"]');
  await step('Enter on "Đăng ký" leads to the account page', () =>
    Promise.all([page.waitForURL(/\/tai-khoan(\?|$)/), key(page, 'Enter')]));
  await shots(page, 'account');

  await tabTo(page, 'form[action$="/bai-thi"] button[type="submit"]');
  await step('Enter on "Bắt đầu làm bài" leads to the quiz page', () =>
    Promise.all([page.waitForURL(/\/bai-thi\/\d+$/), key(page, 'Enter')]));
  await page.waitForSelector('form#quiz');
  const attempt = /\/bai-thi\/(\d+)$/.exec(page.url())[1];
  await shots(page, 'quiz');

  // every question: the first Tab into a group lands on its first choice
  const shown = await quizState(page);
  for (const pos of Object.keys(shown).map(Number).sort((a, b) => a - b)) {
    await tabTo(page, `input[name="a${pos}"]`);
    const saved = page.waitForResponse(isSave);
    if (shown[pos].kind === 'multiple') {
      await key(page, 'Space');        // a check box: Space ticks the one in focus
    } else {
      await key(page, 'ArrowDown');    // a radio group: the arrow moves to the next choice and picks it
    }
    const resp = await saved;
    check(resp.status() === 200, `saving question ${pos} answered ${resp.status()}`);
    await waitSaveState(page, 'saved');
    const now = (await quizState(page))[pos].checked;
    check(now.length === 1, `question ${pos}: the keys chose ${JSON.stringify(now)}`);
  }
  await tabTo(page, '#f-prediction');
  await page.keyboard.type(PARAMS.prediction);
  const chosen = await quizState(page);
  await shots(page, 'quiz-answered');
  await tabTo(page, 'form#quiz button.primary[type="submit"]');   // "Nộp bài"
  const focused = await page.evaluate(() => document.activeElement.textContent.trim());
  check(focused === 'Nộp bài', `the focused button is "${focused}"`);
  await step('Enter on "Nộp bài" leads to the result page', () =>
    Promise.all([page.waitForURL(/\/ket-qua\/\d+$/), key(page, 'Enter')]));
  await shots(page, 'result');
  return { attempt, chosen, result: await resultScore(page), url: page.url() };
});
