// How the admin booking tests reach the dialogs: through the journal, as an administrator does — a
// click on an empty cell of a specialist's column opens the booking dialog at that time; a click on
// a booking's block opens its drawer. The journal opens on today; its arrows walk to the day.
import type { Locator, Page } from 'playwright-core'
import type { WebStack } from '../helpers/web-stack.ts'

/** Opens the journal (logged in) unless it is open, and walks its days to `date`. */
async function journalOn(page: Page, stack: WebStack, token: string, date: string) {
  if (!new URL(page.url(), stack.baseUrl).pathname.startsWith('/admin/journal'))
    await stack.logIn(page, token, '/admin/journal')
  await page.locator('[data-test="journal-grid"]').waitFor()
  for (let step = 0; step < 60; step++) {
    const shown = page.locator(`.journal__col[data-date="${date}"]`)
    if (await shown.count()) return
    const first = await page.locator('.journal__col').first().getAttribute('data-date')
    await page.locator(`[data-test="${first! < date ? 'next' : 'prev'}"]`).click()
    await page.waitForFunction((d) => {
      const cols = [...document.querySelectorAll('.journal__col')]
      return cols.length > 0 && cols.every((c) => c.getAttribute('data-date') !== d)
    }, first)
  }
  throw new Error(`the journal never showed ${date}`)
}

/** The booking dialog opened from the empty cell of `specialistId` at `date` `time`. */
export async function openBookDialog(
  page: Page,
  stack: WebStack,
  token: string,
  at: { specialistId: number; date: string; time: string },
): Promise<Locator> {
  await journalOn(page, stack, token, at.date)
  await page
    .locator(
      `.journal__col[data-specialist="${at.specialistId}"][data-date="${at.date}"] [data-time="${at.time}"]`,
    )
    .click()
  const dialog = page.locator('[data-test="book-dialog"]')
  await dialog.waitFor()
  return dialog
}

/** The drawer of booking `bookingId`, opened by a click on its block in the journal on `date`. */
export async function openBooking(
  page: Page,
  stack: WebStack,
  token: string,
  at: { bookingId: number; date: string },
): Promise<Locator> {
  if (await page.locator('.booking-drawer').isVisible()) {
    await page.keyboard.press('Escape')
    await page.locator('.booking-drawer').waitFor({ state: 'hidden' })
  }
  await journalOn(page, stack, token, at.date)
  await page.locator(`[data-booking="${at.bookingId}"]`).click()
  const drawer = page.locator('.booking-drawer')
  await drawer.locator('[data-test="booking-drawer"]').waitFor()
  return drawer
}
