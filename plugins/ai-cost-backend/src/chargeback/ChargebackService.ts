import { ConflictError } from '@backstage/errors';
import {
  addDays,
  dayOf,
  microsToNumber as money,
  type ChargebackStatement,
} from '@ai-cost/plugin-ai-cost-common';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import type {
  AttributionStore,
  ChargebackStore,
  StoredStatement,
} from '../database';
import { coverageOf } from '../costs/amounts';
import { bookAdjustments, nextMonth } from './adjustments';
import { chargebackLines } from './chargebackLines';

/** The days of a `YYYY-MM` month. */
export function monthWindow(month: string) {
  return { from: `${month}-01`, to: addDays(`${nextMonth(month)}-01`, -1) };
}

/**
 * Monthly chargeback statements per owning group with cost centre (DESIGN
 * §9.4). An open month is computed from attributed spend; closing it (a month
 * that has ended) stores the statement, which never changes again: later
 * restatements of it are booked as adjustments on the first open month.
 */
export class ChargebackService {
  constructor(
    private readonly options: {
      store: ChargebackStore;
      attribution: AttributionStore;
      index: CatalogIndexReader;
      currency: string;
      now?: () => Date;
    },
  ) {}

  /** A month's statement from today's data, without adjustments, micro-units. */
  async #compute(month: string): Promise<StoredStatement> {
    const window = monthWindow(month);
    const [{ graph }, perEntity, unallocatedRows] = await Promise.all([
      this.options.index.read(),
      this.options.attribution.sumAttributed({
        window,
        groupBy: ['entityRef'],
      }),
      this.options.attribution.sumUnallocatedCost({ window, groupBy: [] }),
    ]);
    const lines = chargebackLines(graph, perEntity);
    const attributed = lines.reduce((sum, line) => sum + line.cost, 0);
    const unallocated = unallocatedRows[0]?.cost ?? 0;
    const total = attributed + unallocated;
    return {
      coverage: coverageOf(attributed, total),
      lines,
      unallocated,
      unallocatedAdjustments: [],
      total,
    };
  }

  async #open(month: string) {
    const closed = await this.options.store.listClosed();
    const found = closed.find(c => c.month === month);
    if (found) return { closed, found, statement: found.statement };
    const statement = await bookAdjustments({
      month,
      statement: await this.#compute(month),
      closed,
      restated: m => this.#compute(m),
    });
    return { closed, found: undefined, statement };
  }

  /** `GET /chargeback?month=`. */
  async statement(month: string): Promise<ChargebackStatement> {
    const { found, statement } = await this.#open(month);
    return this.#present(month, statement, found);
  }

  /** `POST /chargeback/close?month=`: admins; the route audits it. */
  async close(month: string, principal: string): Promise<ChargebackStatement> {
    const today = dayOf(this.options.now?.() ?? new Date());
    if (monthWindow(month).to >= today) {
      throw new ConflictError(
        `${month} has not ended yet: a month can be closed from its first day after`,
      );
    }
    const { found, statement } = await this.#open(month);
    if (found) {
      throw new ConflictError(
        `${month} was closed by ${found.closedBy} on ${found.closedAt}`,
      );
    }
    const closed = {
      month,
      statement,
      closedBy: principal,
      closedAt: (this.options.now?.() ?? new Date()).toISOString(),
    };
    if (!(await this.options.store.close(closed))) {
      throw new ConflictError(`${month} was closed meanwhile`);
    }
    return this.#present(month, statement, closed);
  }

  #present(
    month: string,
    statement: StoredStatement,
    closed: { closedBy: string; closedAt: string } | undefined,
  ): ChargebackStatement {
    const adjustments = [
      ...statement.lines.flatMap(line => line.adjustments),
      ...statement.unallocatedAdjustments,
    ];
    const toMoney = <T extends { cost: number }>(item: T) => ({
      ...item,
      cost: money(item.cost),
    });
    return {
      month,
      status: closed ? 'closed' : 'open',
      ...(closed
        ? { closedAt: closed.closedAt, closedBy: closed.closedBy }
        : {}),
      currency: this.options.currency,
      coverage: statement.coverage,
      lines: statement.lines.map(line => ({
        ...toMoney(line),
        adjustments: line.adjustments.map(toMoney),
      })),
      unallocated: money(statement.unallocated),
      unallocatedAdjustments: statement.unallocatedAdjustments.map(toMoney),
      total: money(statement.total),
      adjustmentsTotal: money(
        adjustments.reduce((sum, adj) => sum + adj.cost, 0),
      ),
    };
  }
}
