import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../db/schema';
import type { AnnualPlanInput } from '../workflows/annual-plan/messages';
import { committeeFilingProcess } from '../workflows/committee-filing/definition';
import { projectAcceptanceProcess } from '../workflows/project-acceptance/definition';
import { ensureUiBuilt, launchChromium, newContext, screenshot, signIn } from './support/browser';
import { deliveryInput, startDelivery } from './support/delivery-scenarios';
import { actor, openTask } from './support/fault-scenarios';
import { testGovernanceSettings } from './support/governance-scenarios';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const PASSWORD = 'steward-demo';

let stack: ApiTestStack;
let browser: Browser;
const started: string[] = [];

beforeAll(async () => {
  const uiDir = await ensureUiBuilt();
  [stack, browser] = await Promise.all([startApiTestStack({}, uiDir), launchChromium()]);
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await browser?.close();
  await stack?.stop();
});

/** Opens a task's page as the user and waits for its form. */
async function openTaskPage(username: string, taskId: string): Promise<Page> {
  const page = await (await newContext(browser, stack.baseUrl)).newPage();
  await signIn(page, username, PASSWORD);
  await page.goto(`/tasks/${encodeURIComponent(taskId)}`);
  await page.locator('[data-testid="task-form"]').waitFor();
  return page;
}

/** Sets a field by name: picks the value of a select or of labelled choices (radio buttons), else types it. */
async function setField(page: Page, name: string, value: string) {
  const control = page.locator(`[name="${name}"]`);
  if ((await control.first().getAttribute('type')) === 'radio') await page.locator(`[name="${name}"][value="${value}"]`).check();
  else if ((await control.evaluate((element) => element.tagName)) === 'SELECT') await control.selectOption(value);
  else await control.fill(value);
}

/** Fills the inputs of one row of a list field, by field name. */
async function fillRow(page: Page, list: string, index: number, values: Record<string, string>) {
  for (const [field, value] of Object.entries(values)) await setField(page, `${list}.${index}.${field}`, value);
}

describe('the generic task form draws lists of rows (annual plan and budget in Chromium)', () => {
  it('technology drafts a plan with two projects, finance a budget in two categories; a bad row is named at its field', async () => {
    const workflowId = `annual-plan-form-${randomUUID()}`;
    // No contributing departments: the plan goes straight to the technology department's draft.
    const input: AnnualPlanInput = { year: 2032, departments: [], timings: testGovernanceSettings().plan, procurementWorkflowType: null };
    await stack.client.workflow.start('annualPlan', { taskQueue: stack.taskQueue, workflowId, args: [input] });
    started.push(workflowId);

    const draft = await openTask(stack.db, workflowId, 'draftPlan');
    const tech = await openTaskPage('techsup', draft.id);
    const projects = tech.locator('[data-rows="projects"]');
    // minItems 1: the list starts with one blank row, titled from the schema in zh-CN first.
    expect(await projects.locator('[data-row]').count()).toBe(1);
    await expect.poll(() => projects.locator('label[for="field-projects-0-title"]').textContent()).toBe('项目名称 *');

    // Submitting the blank form: the browser's own check names the row's required field.
    await tech.locator('[data-testid="complete-task"]').click();
    await expect.poll(() => tech.locator('[data-field-error="projects.0.title"]').textContent()).toBe('必填');

    await tech.locator('[name="goals"]').fill('每个出入口清晰覆盖 Clear coverage of every entrance\n培训值班员 Train the operators');
    await tech.locator('[name="schedule"]').fill('Q1 培训 training, Q2 摄像机 cameras');
    await fillRow(tech, 'projects', 0, { title: 'Replace lobby cameras', priority: '1', estimateYuan: '86000.5', schedule: '2032 Q2', system: 'cctv', major: 'false' });
    await projects.locator('[data-testid="add-row"]').click();
    await fillRow(tech, 'projects', 1, { title: 'Convert the bicycle shed into shops', priority: '3', estimateYuan: '120000', schedule: '2032 Q3' });
    // Major or not is chosen, never assumed: the row offers both, labelled, with neither picked.
    expect(await tech.locator('[data-choices="projects.1.major"] label').allTextContents()).toEqual(['是，需业主表决', '否']);
    expect(await tech.locator('[name="projects.1.major"]:checked').count()).toBe(0);
    // A major project without its art. 278 item: only the workflow's rule knows, so the API answers 422.
    await tech.locator('[name="projects.1.major"][value="true"]').check();
    await tech.locator('[data-testid="complete-task"]').click();
    const rowError = tech.locator('[data-field-error="projects.1.art278Item"]');
    await rowError.waitFor();
    expect(await rowError.textContent()).toContain('第 278 条');
    expect(await tech.locator('[data-row="1"] [data-field-error="projects.1.art278Item"]').count()).toBe(1);
    expect(await tech.locator('[data-row="0"] [data-field-error]').count()).toBe(0);
    expect(await tech.locator('[name="projects.1.art278Item"]').getAttribute('aria-invalid')).toBe('true');
    await screenshot(tech, 'task-form-plan-422.png');

    await fillRow(tech, 'projects', 1, { art278Item: '8' });
    expect(await rowError.count()).toBe(0);
    await tech.locator('[data-testid="complete-task"]').click();
    await tech.locator('[data-testid="task-form"]').waitFor({ state: 'detached' });

    // The process moves on to finance's budget; the plan it carries is what was typed.
    const budgetTask = await openTask(stack.db, workflowId, 'draftBudget');
    expect((budgetTask.context as { plan: unknown }).plan).toEqual({
      goals: ['每个出入口清晰覆盖 Clear coverage of every entrance', '培训值班员 Train the operators'],
      projects: [
        { title: 'Replace lobby cameras', priority: 1, estimateYuan: 86000.5, schedule: '2032 Q2', system: 'cctv', major: false },
        { title: 'Convert the bicycle shed into shops', priority: 3, estimateYuan: 120000, schedule: '2032 Q3', major: true, art278Item: 8 },
      ],
      schedule: 'Q1 培训 training, Q2 摄像机 cameras',
    });

    const finance = await openTaskPage('finance', budgetTask.id);
    const lineItems = finance.locator('[data-rows="lineItems"]');
    // Category names come from the schema's option labels.
    expect(await finance.locator('[name="lineItems.0.category"] option[value="installation-commissioning"]').textContent()).toBe('安装调试');
    await fillRow(finance, 'lineItems', 0, { category: 'hardware', description: '12 IP cameras', amountYuan: '60000.5', marketPriceReference: 'Three supplier quotes, Nov 2026' });
    await lineItems.locator('[data-testid="add-row"]').click();
    await lineItems.locator('[data-testid="add-row"]').click();
    await fillRow(finance, 'lineItems', 1, { category: 'training', description: 'Wrong row', amountYuan: '1', marketPriceReference: 'none' });
    await fillRow(finance, 'lineItems', 2, { category: 'training', description: 'Operator course', amountYuan: '12000', marketPriceReference: 'Vendor catalogue 2026' });
    // Removing the middle row renumbers the one after it.
    await finance.locator('[data-row="1"] [data-testid="remove-row"]').click();
    expect(await lineItems.locator('[data-row]').count()).toBe(2);
    expect(await finance.locator('[name="lineItems.1.description"]').inputValue()).toBe('Operator course');
    await screenshot(finance, 'task-form-budget.png');
    await finance.locator('[data-testid="complete-task"]').click();
    await finance.locator('[data-testid="task-form"]').waitFor({ state: 'detached' });

    const approval = await openTask(stack.db, workflowId, 'approvePlan');
    expect((approval.context as { budget: unknown; budgetTotalYuan: number }).budget).toEqual({
      lineItems: [
        { category: 'hardware', description: '12 IP cameras', amountYuan: 60000.5, marketPriceReference: 'Three supplier quotes, Nov 2026' },
        { category: 'training', description: 'Operator course', amountYuan: 12000, marketPriceReference: 'Vendor catalogue 2026' },
      ],
    });
    expect((approval.context as { budgetTotalYuan: number }).budgetTotalYuan).toBe(72000.5);

    // Management reviews the rows as tables in the task's context and approves in the browser.
    const manager = await openTaskPage('manager', approval.id);
    const projectRows = manager.locator('[data-records] tbody tr', { hasText: 'Convert the bicycle shed into shops' });
    expect(await projectRows.count()).toBe(1);
    expect(await manager.locator('[data-records] tbody tr', { hasText: 'Vendor catalogue 2026' }).count()).toBe(1);
    await screenshot(manager, 'task-form-approval-context.png');
    await manager.locator('[name="decision"][value="approved"]').check();
    await manager.locator('[data-testid="complete-task"]').click();
    await manager.locator('[data-testid="task-form"]').waitFor({ state: 'detached' });
    await openTask(stack.db, committeeFilingProcess.workflowId(workflowId, 1), 'acknowledgeFiling');

    const completed = await stack.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.workflowId, workflowId), eq(tasks.status, 'completed')));
    expect(completed.map((task) => [task.stepId, task.completedBy]).sort()).toEqual([
      ['approvePlan', actor('manager').userId],
      ['draftBudget', actor('finance').userId],
      ['draftPlan', actor('techsup').userId],
    ]);
  });

  it('the delivery plan (phases, milestones), a progress report with issues and the acceptance checklist sections complete in the browser', async () => {
    const delivery = await startDelivery(stack.client, stack.taskQueue, deliveryInput({}, { reportEveryMs: 1000 }));
    started.push(delivery.workflowId);

    const planTask = await openTask(stack.db, delivery.workflowId, 'planImplementation');
    const lead = await openTaskPage('techsup', planTask.id);
    await lead.locator('[name="system"]').selectOption('access-control');
    await lead.locator('[name="biometric"]').check();
    // The lead is picked by name among the staff who may lead, not typed as a user id.
    expect(await lead.locator(`[name="projectLead"] option[value="${actor('tech1').userId}"], [data-choices="projectLead"] label:has([value="${actor('tech1').userId}"])`).textContent()).toContain(
      actor('tech1').displayName,
    );
    await setField(lead, 'projectLead', actor('tech1').userId);
    await fillRow(lead, 'phases', 0, { name: '安装 Install' });
    await lead.locator('[data-rows="phases"] [data-testid="add-row"]').click();
    await fillRow(lead, 'phases', 1, { name: '调试 Commission', description: 'Gate by gate' });
    await fillRow(lead, 'milestones', 0, { name: 'Gates live', dueAt: '2027-03-01T10:00' });
    await lead.locator('[name="qualityRequirements"]').fill('Recognition rate at least 99% at the gates');
    await lead.locator('[data-testid="complete-task"]').click();
    await lead.locator('[data-testid="task-form"]').waitFor({ state: 'detached' });
    expect(await lead.locator('[data-testid="complete-task"]').count()).toBe(0);

    // The next report offers the milestone typed in the plan's row.
    const reportTask = await openTask(stack.db, delivery.workflowId, 'reportProgress');
    expect(JSON.stringify(reportTask.formSchema)).toContain('"enum":["Gates live"]');
    const reporter = await openTaskPage('tech1', reportTask.id);
    // Issues default to none: no row until one is added; the new row takes the schema's default severity.
    expect(await reporter.locator('[data-rows="issues"] [data-row]').count()).toBe(0);
    await reporter.locator('[data-rows="issues"] [data-testid="add-row"]').click();
    expect(await reporter.locator('[name="issues.0.severity"][value="medium"]').isChecked()).toBe(true);
    await fillRow(reporter, 'issues', 0, { title: 'Cable tray missing at gate 2', severity: 'high' });
    await reporter.locator('[name="summary"]').fill('All gates live');
    await reporter.locator('[name="percentComplete"]').fill('100');
    await reporter.locator('[name="milestonesReached"][value="Gates live"]').check();
    await reporter.locator('[name="deliveryComplete"]').check();
    await reporter.locator('[data-testid="complete-task"]').click();
    await reporter.locator('[data-testid="task-form"]').waitFor({ state: 'detached' });

    const acceptanceId = projectAcceptanceProcess.workflowId(delivery.workflowId);
    const teamTask = await openTask(stack.db, acceptanceId, 'formTeam');
    const supervisor = await openTaskPage('techsup', teamTask.id);
    // The team is picked by name, each list offering only the people of its roles.
    const ownerChoices = (await supervisor.locator('label:has([name="ownerRepresentatives"])').allTextContents()).map((label) => label.trim());
    expect(ownerChoices).toContain(actor('committee').displayName);
    expect(ownerChoices).not.toContain(actor('techsup').displayName);
    await supervisor.locator(`[name="technologyMembers"][value="${actor('techsup').userId}"]`).check();
    await supervisor.locator(`[name="businessMembers"][value="${actor('guard1').userId}"]`).check();
    await supervisor.locator(`[name="ownerRepresentatives"][value="${actor('committee').userId}"]`).check();
    await supervisor.locator('[data-testid="complete-task"]').click();
    await supervisor.locator('[data-testid="task-form"]').waitFor({ state: 'detached' });

    // The checklist is sections of sections: every item's box, with the biometric items nested.
    const checklist = await openTask(stack.db, acceptanceId, 'inspectDelivery');
    const inspector = await openTaskPage('techsup', checklist.id);
    for (const item of ['function', 'performance', 'dataSecurity', 'afterSales', 'biometric.signage', 'biometric.nonFaceAlternative']) {
      await inspector.locator(`[name="${item}.passed"][value="true"]`).check();
    }
    await inspector.locator('[name="biometric.separateConsent.passed"][value="false"]').check();
    await inspector.locator('[data-testid="complete-task"]').click();
    // A failed item without its note: the workflow's rule answers at the nested field.
    const noteError = inspector.locator('[data-group="biometric.separateConsent"] [data-field-error="biometric.separateConsent.note"]');
    await noteError.waitFor();
    expect(await noteError.textContent()).toBe('请说明哪里不合格');
    await screenshot(inspector, 'task-form-checklist-422.png');
    await inspector.locator('[name="biometric.separateConsent.passed"][value="true"]').check();
    await inspector.locator('[data-testid="complete-task"]').click();
    await inspector.locator('[data-testid="task-form"]').waitFor({ state: 'detached' });

    const signatures = await eventually(async () => {
      const rows = await stack.db
        .select()
        .from(tasks)
        .where(and(eq(tasks.workflowId, acceptanceId), eq(tasks.stepId, 'signAcceptance')));
      return rows.length === 3 ? rows : undefined;
    });
    expect(signatures.flatMap((task) => task.candidateUsers).sort()).toEqual(
      ['techsup', 'guard1', 'committee'].map((username) => actor(username).userId).sort(),
    );
    const inspected = await stack.db.select().from(tasks).where(eq(tasks.id, checklist.id));
    expect(inspected[0]?.result).toMatchObject({ biometric: { separateConsent: { passed: true }, signage: { passed: true } }, function: { passed: true } });
  });
});
