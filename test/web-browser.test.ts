import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type SmtpSink, startSmtpSink } from '@ppda/local-infra';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';
import { startWeb, type TWebHarness } from './support/web.ts';

/** Screenshots of every page checked, for people to look at (gitignored). */
const OUTPUT = join(import.meta.dirname, '..', 'test-output', 'web');
/** The one screenshot committed: the inbox, the README's first screen. */
const DOCS = join(import.meta.dirname, '..', 'docs');

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
  /** The SMTP sink started again after the ops test stops the harness's. */
  let restartedSink: SmtpSink | undefined;

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
    await restartedSink?.close();
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
    // The task opens its case at the decision that meets its clock.
    await task.click();
    await page.waitForURL(`${web.url}/cases/${caseId}/decisions/MATTER_RECORDED`);
    await page.click('a:has-text("Back to the case")');
    await page.waitForURL(`${web.url}/cases/${caseId}`);
    await expect(page.locator('h1').textContent()).resolves.toBe(reference);
    await expect(page.locator('tr[data-rule="record.decision"]').count()).resolves.toBe(1);
    // The identity bar: reference, the subject's rank, who acts; case actions in a menu.
    const identity = page.locator('.moj-identity-bar');
    await expect(identity.textContent()).resolves.toMatch(
      new RegExp(`${reference}.*Subject: .*Appropriate authority: `, 's'),
    );
    await check(page, '02-case');
    // MoJ's JavaScript (under the nonce CSP) turned the actions into a menu; it opens.
    await identity.locator('button', { hasText: 'Case actions' }).click();
    await expect(identity.locator('a', { hasText: 'Matter recorded' }).isVisible()).resolves.toBe(
      true,
    );

    await page.click('#decisions ~ ul a:has-text("Matter recorded")');
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
    const waiting = async () =>
      Number(
        /\((\d+)\)/.exec(
          (await page.locator('h2', { hasText: 'Escalations waiting on you' }).textContent()) ?? '',
        )?.[1],
      );
    const before = await waiting();
    expect(before).toBeGreaterThan(0);
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
    // The decided escalation leaves the desk; the AA's other duties on the case stay on it.
    await page.goto(`${web.url}/desk`);
    await expect(waiting()).resolves.toBe(before - 1);
    await expect(escalations.locator('a', { hasText: 'oversight board' }).count()).resolves.toBe(0);
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

  it('ops sees a failed mail with its reason, retries it and sees it sent', async () => {
    const prisma = h.runtime.db.prisma;
    // The SMTP server goes away: the rungs that fire now cannot send their mail.
    const port = h.sink.port;
    await h.sink.close();
    await h.time.advanceTo(new Date('2025-07-01T10:00:00Z'));
    const failing = await prisma.notification.findMany({
      where: { status: 'pending', lastError: { not: null } },
    });
    expect(failing.length).toBeGreaterThan(0);
    const page = await signInAs('ops-1');
    await page.goto(`${web.url}/ops`);
    const row = page.locator('#unsent-mail-table tbody tr').first();
    const notificationId = (await row.getAttribute('data-notification')) ?? '';
    expect(failing.map((mail) => mail.id)).toContain(notificationId);
    await expect(row.textContent()).resolves.toContain('ECONNREFUSED');
    await check(page, '08-ops-failed-mail');

    // The SMTP server is back; ops retries the mail rather than wait out its backoff.
    restartedSink = await startSmtpSink({ port });
    await row.locator('button', { hasText: 'Retry' }).click();
    await page.waitForURL(`${web.url}/ops#unsent-mail`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(
      `Mail ${notificationId}:`,
    );
    const [sent] = await restartedSink.waitForMessages({
      match: (message) => message.messageId.includes(notificationId),
      timeoutMs: 15_000,
    });
    expect(sent).toBeDefined();
    await expect
      .poll(
        async () =>
          (await prisma.notification.findUniqueOrThrow({ where: { id: notificationId } })).status,
      )
      .toBe('sent');
    await page.goto(`${web.url}/ops`);
    await expect(page.locator(`tr[data-notification="${notificationId}"]`).count()).resolves.toBe(
      0,
    );
    await expect(page.locator('#ops-log ~ table').textContent()).resolves.toContain(
      `notification.retry ${notificationId}`,
    );
    await check(page, '09-ops-mail-retried');
    // Bull Board behind the same sign-in, read-only (a third-party page: screenshot only).
    await page.goto(`${web.url}/ops/queues`);
    await page.waitForSelector('text=case-timers');
    await page.screenshot({ path: join(OUTPUT, '10-ops-board.png'), fullPage: true });
    await page.context().close();
  });

  it('shows an investigator the inbox with work on several cases (the README screenshot)', async () => {
    await h.report({ referralCriteriaMet: ['serious-assault'] });
    await h.report({});
    const page = await signInAs('inv-1');
    await check(page, '11-inbox-several');
    // The README's screenshot is refreshed on purpose only (its references differ every run).
    if (process.env.UPDATE_README_SCREENSHOT) {
      await page.screenshot({ path: join(DOCS, 'inbox.png'), fullPage: true });
    }
    // Filtered to overdue only: the MoJ filter shows the filter applied, removable.
    await page.check('input[name="due"][value="overdue"]');
    await page.click('button:has-text("Apply filters")');
    await page.waitForURL(/due=overdue/);
    await expect(page.locator('.moj-filter__tag').textContent()).resolves.toContain('Overdue');
    await check(page, '12-inbox-filtered');
    await page.context().close();
  });
});
