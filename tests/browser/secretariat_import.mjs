// The secretariat imports a question bank and reads the results page, as a person does it:
// Basic authentication in the browser, the file chosen in the upload field, the preview read,
// rejected questions acknowledged with the tick box, the import confirmed; then the ranking.
// PARAMS: staff {user, password}, file (a path to the bank file), expect {accepted, rejected}.
import { PARAMS, check, checkpoint, run, shots, STEP_TIMEOUT } from './lib.mjs';

const AREA = process.env.QC_BASE.replace(/\/cuoc-thi$/, '/ban-thu-ky');

await run({ httpCredentials: { username: PARAMS.staff.user, password: PARAMS.staff.password } },
  async ({ page }) => {
    await page.goto(`${AREA}/nhap-cau-hoi`);
    await page.setInputFiles('#f-tep', PARAMS.file);
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await page.waitForSelector('section.card.rejects', { timeout: STEP_TIMEOUT });
    await shots(page, 'import-preview');
    const accepted = await page.locator('ul.summary li.accepted').innerText();
    const reasons = await page.locator('section.rejects td.reason').allInnerTexts();
    check(accepted.startsWith(`${PARAMS.expect.accepted} `), `the preview says "${accepted}"`);
    check(reasons.length === PARAMS.expect.rejected, `the preview lists ${reasons.length} rejected questions`);
    // the import waits for the tick box while questions are rejected (the browser keeps the form)
    const confirm = page.getByRole('button', { name: /Xác nhận nhập/ });
    await confirm.click();
    check(await page.locator('ul.summary').count() === 1, 'the form was sent without the tick');
    await checkpoint('previewed', { accepted, reasons });
    await page.getByLabel(/bỏ qua/).check();
    await confirm.click();
    await page.waitForSelector('p.done', { timeout: STEP_TIMEOUT });
    const done = await page.locator('p.done').innerText();
    await shots(page, 'import-done');
    await checkpoint('imported', { done });
    // the results page of the whole contest: its ranking table, read as the secretariat does
    await page.goto(`${AREA}/ket-qua?vong=0`);
    const rows = await page.locator('table.ranking').last().locator('tbody tr').count();
    const first = await page.locator('table.ranking').last().locator('tbody tr').first().innerText();
    await shots(page, 'results');
    return { done, rows, first };
  });
