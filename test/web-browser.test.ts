import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';
import { startWeb, type TWebHarness } from './support/web.ts';

/** Screenshots of every page checked, for people to look at (gitignored). */
const OUTPUT = join(import.meta.dirname, '..', 'test-output', 'web');

/**
 * The web application in Debian's chromium, on real PostgreSQL, Redis and SMTP with the
 * virtual clock: one browser for the file, a fresh context (cookies) per person.
 */
describe('web application in a browser', () => {
  let h: THarness;
  let web: TWebHarness;
  let browser: Browser;
  let caseId: string;
  let reference: string;

  beforeAll(async () => {
    await mkdir(OUTPUT, { recursive: true });
    h = await startHarness({ start: new Date('2025-03-03T10:00:00Z') });
    web = await startWeb(h);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    ({ caseId, reference } = await h.report({ referralCriteriaMet: ['serious-assault'] }));
  });
  afterAll(async () => {
    await browser?.close();
    await web?.app.close();
    await h?.close();
  });

  /** No WCAG 2.2 A/AA violation on the page, and a screenshot of it. */
  async function check(page: Page, name: string) {
    await page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage: true });
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
      .analyze();
    expect(
      result.violations.map((violation) => `${violation.id}: ${violation.help}`),
      name,
    ).toEqual([]);
  }

  async function signInAs(personId: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${web.url}/sign-in`);
    await page.check(`input[name="personId"][value="${personId}"]`);
    await page.click('button:has-text("Sign in")');
    await page.waitForURL(`${web.url}/tasks`);
    return page;
  }

  it('an investigator sees a task, opens the case, records a decision through its form and its clock stops', async () => {
    const page = await signInAs('inv-1');
    await check(page, '01-inbox');
    const task = page.locator('table a', { hasText: 'Record' }).first();
    await expect(task.isVisible()).resolves.toBe(true);
    await expect(page.locator('table').textContent()).resolves.toContain(reference);
    await task.click();
    await page.waitForURL(`${web.url}/cases/${caseId}#decisions`);
    await expect(page.locator('h1').textContent()).resolves.toBe(reference);
    await expect(page.locator('tr[data-rule="record.decision"]').count()).resolves.toBe(1);
    await check(page, '02-case');

    await page.click('a:has-text("Matter recorded")');
    await page.fill('#rationale', 'too short');
    await page.click('button:has-text("Record the decision")');
    await expect(page.title()).resolves.toMatch(/^Error: Matter recorded/);
    const summary = await page.locator('.govuk-error-summary').textContent();
    expect(summary).toContain('Select yes or no: record it as a conduct matter');
    expect(summary).toContain('Rationale must be at least 10 characters');
    // The answer given is kept for correcting.
    await expect(page.inputValue('#rationale')).resolves.toBe('too short');
    await check(page, '03-decision-errors');

    await page.check('#asConductMatter');
    await page.check('input[name="asComplaint"][value="no"]');
    await page.fill(
      '#rationale',
      'Recorded as a conduct matter: an assault on a partner is alleged.',
    );
    await page.click('button:has-text("Record the decision")');
    await page.waitForURL(`${web.url}/cases/${caseId}`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(
      'Matter recorded: recorded',
    );
    await expect(page.locator('tr[data-rule="record.decision"]').count()).resolves.toBe(0);
    await expect(page.locator('.moj-timeline').textContent()).resolves.toContain(
      'an assault on a partner is alleged',
    );
    await check(page, '04-case-recorded');
    const clock = (await h.engine.listClocks(caseId)).find((c) => c.ruleId === 'record.decision');
    expect(clock?.status).toBe('met');
    await page.context().close();
  });

  it('the DCC sees an escalation on the desk and decides it', async () => {
    // Past the DCC's 28-day board review: its rungs fire and it is overdue on the DCC's desk.
    await h.time.advanceTo(new Date('2025-04-15T10:00:00Z'));
    const page = await signInAs('aa-1');
    await page.goto(`${web.url}/desk`);
    const escalations = page.locator('h2:has-text("Escalations waiting on you") + table');
    await expect(escalations.textContent()).resolves.toContain(reference);
    // Besides the board review, the AA owes this case's referral decision and severity
    // assessment (due 4 and 5 Mar; issue 13's duties): those stay escalated.
    const heading = page.locator('h2', { hasText: 'Escalations waiting on you' });
    await expect(heading.textContent()).resolves.toContain('(3)');
    await check(page, '05-desk');
    await escalations.locator('a', { hasText: 'oversight board' }).first().click();
    await page.waitForURL(`${web.url}/cases/${caseId}#decisions`);
    await page.click('#decisions ~ ul a:has-text("Board review held")');
    await check(page, '06-board-review-form');
    await page.fill('#rationale', 'Reviewed at the board: severity and referral decisions chased.');
    await page.click('button:has-text("Record the decision")');
    await page.waitForURL(`${web.url}/cases/${caseId}`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(
      'Board review held: recorded',
    );
    const events = await h.engine.listEvents(caseId);
    expect(events.at(-1)).toMatchObject({ actorId: 'aa-1', actorRole: 'appropriate-authority' });
    await page.goto(`${web.url}/desk`);
    // The board review is decided: it leaves the escalations; the AA's other two remain.
    await expect(
      page.locator('h2', { hasText: 'Escalations waiting on you' }).textContent(),
    ).resolves.toContain('(2)');
    const left = page.locator('h2:has-text("Escalations waiting on you") + table');
    await expect(left.locator('a', { hasText: 'oversight board' }).count()).resolves.toBe(0);
    await expect(left.textContent()).resolves.toContain('Refer to the IOPC');
    await expect(left.textContent()).resolves.toContain('Assess severity');
    await page.context().close();
  });

  it("the subject's sergeant gets the not-found page", async () => {
    const page = await signInAs('sgt-1');
    const response = await page.goto(`${web.url}/cases/${caseId}`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    expect(await page.content()).not.toContain(reference);
    await check(page, '07-not-found');
    await page.context().close();
  });
});
