import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  DEFAULT_BUDGET_THRESHOLDS,
  microsFromNumber,
  microsToNumber,
  MoneyParseError,
  type BudgetApprovalRequest,
  type BudgetRequestInput,
  type BudgetRequestStatus,
} from '@ai-cost/plugin-ai-cost-common';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import type { WriteAuditor } from '../audit/WriteAuditor';
import type { BudgetService } from '../budgets/BudgetService';
import type {
  BudgetRequestStore,
  StoredBudgetRequest,
} from '../database/BudgetRequestStore';
import type { OwnerNotifier } from '../notifications/OwnerNotifier';
import type { BudgetApprovalSettings } from './approvalSettings';
import {
  approversOf,
  checkBusinessCase,
  isAutoApproved,
  mayDecide,
} from './approvalRules';

/** Who decides an auto-approved request, and sets its budget. */
export const AUTO_APPROVER = 'system';

/** The notification topic of budget requests. */
export const BUDGET_REQUEST_TOPIC = 'ai-cost-budget-request';

/** Who looks at requests: a user (or none, for a service) and whether they may read the org. */
export interface BudgetRequestViewer {
  userRef?: string;
  orgRead: boolean;
}

/**
 * Budget requests (DESIGN §9.4): someone asks for a budget; the approvers of
 * its entity (the owner group's parent groups and the configured approvers)
 * approve or reject it; approval sets the budget through
 * {@link BudgetService.put} on behalf of the approver. Requests below
 * `autoApproveBelow` are approved at once by {@link AUTO_APPROVER}.
 */
export class BudgetRequestService {
  constructor(
    private readonly options: {
      store: BudgetRequestStore;
      budgets: Pick<BudgetService, 'put' | 'effectiveBudget' | 'scopeOf'>;
      index: CatalogIndexReader;
      notifier: Pick<OwnerNotifier, 'notifyRecipients'>;
      settings: BudgetApprovalSettings;
      currency: string;
      now?: () => Date;
      newId?: () => string;
    },
  ) {}

  #now() {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  async #approversOf(entityRef: string) {
    const { graph } = await this.options.index.read();
    return approversOf(graph, entityRef, this.options.settings.approvers);
  }

  async #mayDecide(request: StoredBudgetRequest, userRef: string | undefined) {
    if (!userRef || request.status !== 'pending') return false;
    const { graph } = await this.options.index.read();
    return mayDecide({
      userRef,
      requestedBy: request.requestedBy,
      approvers: approversOf(
        graph,
        request.entityRef,
        this.options.settings.approvers,
      ),
      memberOf: graph.get(userRef)?.memberOf ?? [],
    });
  }

  #toApi(request: StoredBudgetRequest, canDecide: boolean) {
    const { amountMicros, ...rest } = request;
    return {
      ...rest,
      amount: microsToNumber(amountMicros),
      canDecide,
    } satisfies BudgetApprovalRequest;
  }

  /** Creates a request by `requestedBy`; approved at once when small enough. */
  async create(options: {
    entityRef: string;
    input: BudgetRequestInput;
    requestedBy: string;
    audit: WriteAuditor;
  }): Promise<BudgetApprovalRequest> {
    const { entityRef, input, requestedBy, audit } = options;
    const { settings, currency } = this.options;
    let amountMicros: number;
    try {
      amountMicros = microsFromNumber(input.amount);
    } catch (error) {
      if (error instanceof MoneyParseError) {
        throw new InputError(`amount: ${error.message}`);
      }
      throw error;
    }
    const period = input.period;
    // Canonical, as budgets are keyed; an unknown allocation tag names `scope`.
    const scope = this.options.budgets.scopeOf(input.scope) ?? null;
    checkBusinessCase(
      { amountMicros, period, businessCase: input.businessCase },
      settings,
      currency,
    );
    const autoApproved = isAutoApproved({ amountMicros, period }, settings);
    const approvers = await this.#approversOf(entityRef);
    if (!autoApproved && approvers.length === 0) {
      throw new InputError(
        `entityRef: nobody can approve a budget for ${entityRef}; its owner group has no parent group and aiCost.budgets.approval.approvers is empty`,
      );
    }
    const request: StoredBudgetRequest = {
      id: this.options.newId?.() ?? randomUUID(),
      entityRef,
      amountMicros,
      currency,
      period,
      scope,
      businessCase: input.businessCase?.trim() || null,
      status: 'pending',
      requestedBy,
      requestedAt: this.#now(),
      decidedBy: null,
      decidedAt: null,
      comment: null,
      autoApproved: false,
    };
    await audit(
      {
        eventId: 'budget-request-create',
        severityLevel: 'medium',
        meta: {
          requestId: request.id,
          entityRef,
          amount: input.amount,
          currency,
          period,
          scope,
          autoApproved,
        },
      },
      () => this.options.store.createRequest(request),
    );
    if (autoApproved) {
      const approved = await this.#decide(request.id, {
        status: 'approved',
        decidedBy: AUTO_APPROVER,
        comment: `Approved automatically: below ${microsToNumber(
          settings.autoApproveBelowMicros!,
        )} ${currency} a month`,
        autoApproved: true,
        audit,
      });
      return this.#toApi(approved, false);
    }
    await this.options.notifier.notifyRecipients(approvers, {
      entityRef,
      title: `Budget request for ${entityRef}: ${input.amount} ${currency} a ${period}`,
      description: `${requestedBy} asks for a ${period}ly AI budget of ${
        input.amount
      } ${currency}${scope ? ` (${scope})` : ''}.${
        request.businessCase ? ` Business case: ${request.businessCase}` : ''
      }`,
      severity: 'normal',
      topic: BUDGET_REQUEST_TOPIC,
      scope: `budget-request:${request.id}:created`,
    });
    return this.#toApi(request, false);
  }

  /**
   * Requests the viewer may see: all with org read access, otherwise their
   * own and those they may decide.
   */
  async list(options: {
    viewer: BudgetRequestViewer;
    status?: BudgetRequestStatus;
    entityRef?: string;
  }): Promise<BudgetApprovalRequest[]> {
    const { viewer, status, entityRef } = options;
    const requests = await this.options.store.listRequests({
      status,
      entityRef,
    });
    const items: BudgetApprovalRequest[] = [];
    for (const request of requests) {
      const canDecide = await this.#mayDecide(request, viewer.userRef);
      const own = viewer.userRef === request.requestedBy;
      if (viewer.orgRead || own || canDecide) {
        items.push(this.#toApi(request, canDecide));
      }
      // An approver also sees what they decided.
      else if (viewer.userRef && request.decidedBy === viewer.userRef) {
        items.push(this.#toApi(request, false));
      }
    }
    return items;
  }

  /** Approves a pending request and sets its budget on behalf of `userRef`. */
  async approve(options: {
    id: string;
    userRef: string;
    comment?: string;
    audit: WriteAuditor;
  }): Promise<BudgetApprovalRequest> {
    const approved = await this.#decide(options.id, {
      status: 'approved',
      decidedBy: options.userRef,
      comment: options.comment?.trim() || null,
      autoApproved: false,
      audit: options.audit,
    });
    return this.#toApi(approved, false);
  }

  /** Rejects a pending request with a reason. */
  async reject(options: {
    id: string;
    userRef: string;
    comment: string;
    audit: WriteAuditor;
  }): Promise<BudgetApprovalRequest> {
    const rejected = await this.#decide(options.id, {
      status: 'rejected',
      decidedBy: options.userRef,
      comment: options.comment.trim(),
      autoApproved: false,
      audit: options.audit,
    });
    return this.#toApi(rejected, false);
  }

  /**
   * Decides a pending request as one audited write: checks that the decider
   * may (the system may for an auto-approval), records the decision (only
   * one wins) and, for an approval, sets the budget as the decider. A budget
   * that cannot be set leaves the request pending. Tells the requester.
   */
  async #decide(
    id: string,
    decision: {
      status: 'approved' | 'rejected';
      decidedBy: string;
      comment: string | null;
      autoApproved: boolean;
      audit: WriteAuditor;
    },
  ): Promise<StoredBudgetRequest> {
    const { audit, ...fields } = decision;
    const action = decision.status === 'approved' ? 'approve' : 'reject';
    const decided = await audit(
      {
        eventId: `budget-request-${action}`,
        severityLevel: 'medium',
        meta: {
          requestId: id,
          decidedBy: decision.decidedBy,
          autoApproved: decision.autoApproved,
        },
      },
      async () => {
        const request = await this.options.store.getRequest(id);
        if (!request) throw new NotFoundError(`No budget request ${id}`);
        if (request.status !== 'pending') {
          throw new ConflictError(
            `Budget request ${id} is already ${request.status}`,
          );
        }
        if (!decision.autoApproved) {
          await this.#requireDecider(request, decision.decidedBy, action);
        }
        const result = await this.options.store.decideRequest(id, {
          ...fields,
          decidedAt: this.#now(),
        });
        if (!result) {
          throw new ConflictError(
            `Budget request ${id} was decided by someone else`,
          );
        }
        if (result.status === 'approved') {
          try {
            await this.#applyBudget(result, audit);
          } catch (error) {
            await this.options.store.reopenRequest(id);
            throw error;
          }
        }
        return result;
      },
      result => ({
        entityRef: result.entityRef,
        status: result.status,
        comment: result.comment,
      }),
    );
    await this.options.notifier.notifyRecipients([decided.requestedBy], {
      entityRef: decided.entityRef,
      title: `Budget request for ${decided.entityRef} ${decided.status}`,
      description: `Your request for ${microsToNumber(decided.amountMicros)} ${
        decided.currency
      } a ${decided.period} was ${decided.status} by ${decided.decidedBy}${
        decided.comment ? `: ${decided.comment}` : ''
      }`,
      severity: decided.status === 'approved' ? 'normal' : 'high',
      topic: BUDGET_REQUEST_TOPIC,
      scope: `budget-request:${id}:decided`,
    });
    return decided;
  }

  /** Throws `NotAllowedError` unless `userRef` may decide the request. */
  async #requireDecider(
    request: StoredBudgetRequest,
    userRef: string,
    action: 'approve' | 'reject',
  ) {
    if (request.requestedBy === userRef) {
      throw new NotAllowedError(
        `You cannot ${action} your own budget request ${request.id}`,
      );
    }
    if (!(await this.#mayDecide(request, userRef))) {
      // Names the approvers, not the entity, which the caller may not see.
      throw new NotAllowedError(
        `You may not ${action} budget request ${request.id}: only members of ${(
          await this.#approversOf(request.entityRef)
        ).join(', ')} may`,
      );
    }
  }

  /** Sets the requested budget (of its scope), keeping the thresholds of the budget in force. */
  async #applyBudget(request: StoredBudgetRequest, audit: WriteAuditor) {
    const scope = request.scope ?? undefined;
    const { budget } = await this.options.budgets.effectiveBudget(
      request.entityRef,
      scope,
    );
    await this.options.budgets.put({
      entityRef: request.entityRef,
      scope,
      input: {
        amount: microsToNumber(request.amountMicros),
        period: request.period,
        thresholds: budget?.thresholds ?? DEFAULT_BUDGET_THRESHOLDS,
      },
      principal: request.decidedBy!,
      audit,
    });
  }
}
