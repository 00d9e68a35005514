import { createApproveVirtualAccountOperation } from './approve-virtual-account.js';
import { createCancelVirtualAccountOperation } from './cancel-virtual-account.js';
import { createPaymentWindowOperation } from './create-payment-window.js';
import {
  createGetVirtualAccountByKeyOperation,
  createGetVirtualAccountOperation,
} from './get-virtual-account.js';
import { createIssueVirtualAccountOperation } from './issue-virtual-account.js';
import type { KiccOperationDependencies } from './operation-support.js';
import { createPingOperation } from './ping.js';
import { createRefundVirtualAccountOperation } from './refund-virtual-account.js';
import { createRetrieveTransactionOperation } from './retrieve-transaction.js';
import { createReviseQueryOperation } from './revise-support.js';

/** Every operation of one client, declared with that client's configuration (spec §2 table). */
export function createKiccOperations(dependencies: KiccOperationDependencies) {
  const retrieveTransaction = createRetrieveTransactionOperation(dependencies);
  const reviseQuery = createReviseQueryOperation(dependencies);
  return {
    retrieveTransaction,
    reviseQuery,
    issue: createIssueVirtualAccountOperation(dependencies, retrieveTransaction),
    createPaymentWindow: createPaymentWindowOperation(dependencies),
    approve: createApproveVirtualAccountOperation(dependencies, retrieveTransaction),
    cancel: createCancelVirtualAccountOperation(dependencies, retrieveTransaction, reviseQuery),
    refund: createRefundVirtualAccountOperation(dependencies, retrieveTransaction, reviseQuery),
    getByTransactionId: createGetVirtualAccountOperation(dependencies),
    getByIdempotencyKey: createGetVirtualAccountByKeyOperation(dependencies),
    ping: createPingOperation(dependencies),
  };
}

/** The operations of one client. */
export type KiccOperations = ReturnType<typeof createKiccOperations>;
