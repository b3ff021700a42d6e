import { eq } from 'drizzle-orm';
import { vendors } from '../db/schema';
import {
  actor,
  complete,
  CONTRACT,
  openTask,
  procurementInput,
  qualificationInput,
  startProcurement,
  startQualification,
  throughEvaluation,
} from '../test/support/procurement-scenarios';
import { recordHistories } from './history-recording';

const REVIEW = { high: { qualification: 85, reputation: 80, technicalStrength: 75, afterSales: 90 }, low: { qualification: 30, reputation: 40, technicalStrength: 50, afterSales: 40 } };

/**
 * Records histories of the supplier-qualification, supplier-requalification and procurement paths into
 * test/replay/<process>/, for the replay test (npm run record-histories:procurement).
 */
recordHistories({
  scenarios: {
    'supplier-qualification/qualified': async ({ client, taskQueue, db }) => {
      const handle = await startQualification(client, taskQueue, qualificationInput('v-anxin', { kind: 'requalification' }));
      await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'reviewQualification')).id, actor('techsup'), REVIEW.high);
      await handle.result();
      return handle.workflowId;
    },
    'supplier-qualification/rejected': async ({ client, taskQueue, db }) => {
      const handle = await startQualification(client, taskQueue, qualificationInput('v-pending'));
      await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'reviewQualification')).id, actor('techsup'), REVIEW.low);
      await handle.result();
      return handle.workflowId;
    },
    'supplier-requalification/sweep': async ({ client, taskQueue, db }) => {
      await db.update(vendors).set({ requalifyDueAt: new Date(Date.now() - 60_000) }).where(eq(vendors.id, 'v-smart-home'));
      const handle = await client.workflow.start('supplierRequalification', {
        taskQueue,
        workflowId: 'supplier-requalification-recorded',
        args: [{ reviewDueSeconds: 3600, requalifyAfterSeconds: 3600, passMark: 60 }],
      });
      await handle.result();
      return handle.workflowId;
    },
    'procurement/inquiry-contract': async ({ client, taskQueue, db }) => {
      const handle = await startProcurement(client, taskQueue, procurementInput({ planWorkflowId: 'annual-plan-recorded' }));
      await throughEvaluation(client, db, handle.workflowId, { winner: 0 });
      await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'draftContract')).id, actor('procure'), { ...CONTRACT, priceYuan: 78_000 });
      await handle.result();
      return handle.workflowId;
    },
    'procurement/approval-revise-approve': async ({ client, taskQueue, db }) => {
      const handle = await startProcurement(client, taskQueue, procurementInput({ estimate: 150_000, system: 'access-control' }));
      await throughEvaluation(client, db, handle.workflowId, { prices: [140_000, 135_000, 150_000], winner: 2 });
      await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'draftContract')).id, actor('procure'), { ...CONTRACT, priceYuan: 150_000 });
      await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'approveContract')).id, actor('manager'), { decision: 'revise', comment: 'Lower the price' });
      await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'draftContract')).id, actor('procure'), { ...CONTRACT, priceYuan: 145_000 });
      await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'approveContract')).id, actor('manager'), { decision: 'approve' });
      await handle.result();
      return handle.workflowId;
    },
    'procurement/too-few-bids': async ({ client, taskQueue, db }) => {
      const handle = await startProcurement(client, taskQueue, procurementInput({ bidWindowSeconds: 2 }));
      await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'chooseMethod')).id, actor('procure'), {
        method: 'negotiation',
        reason: 'Sole maintainer of the installed system',
        invitedVendorIds: ['v-cctv'],
      });
      await handle.result();
      return handle.workflowId;
    },
  },
});
