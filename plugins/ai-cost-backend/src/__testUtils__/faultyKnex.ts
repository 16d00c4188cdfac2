import type { Knex } from 'knex';

/** What happens just before the targeted statement runs. */
export type StatementFault = (context: {
  knex: Knex;
  tx: Knex.Transaction;
}) => Promise<void>;

/**
 * A knex that breaks the database under a running transaction on request.
 * `arm(table, fault)` makes the next statement on `table` issued inside a
 * transaction run `fault` first: a fault that throws fails the statement (a
 * lost connection as the driver reports it), and one that kills the
 * transaction's connection (PostgreSQL: `pg_terminate_backend`) lets the
 * statement fail for real. Every other use of the knex passes through.
 */
export function faultyKnex(knex: Knex): Knex & {
  arm(table: string, fault: StatementFault): void;
  /** Times an armed fault fired. */
  fired(): number;
} {
  let armed: { table: string; fault: StatementFault } | undefined;
  let fired = 0;

  /** A query builder whose execution runs `before` first. */
  const delayed = (
    builder: Knex.QueryBuilder,
    before: () => Promise<void>,
  ): Knex.QueryBuilder => {
    const proxy: Knex.QueryBuilder = new Proxy(builder, {
      get(target, property, receiver) {
        if (property === 'then') {
          return (
            resolve: (value: unknown) => unknown,
            reject: (error: unknown) => unknown,
          ) =>
            before().then(
              () => target.then(resolve, reject),
              error => reject(error),
            );
        }
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const result = value.apply(target, args);
          return result === target ? proxy : result;
        };
      },
    });
    return proxy;
  };

  const wrapTransaction = (tx: Knex.Transaction): Knex.Transaction =>
    new Proxy(tx, {
      apply(target, thisArg, args) {
        const builder = Reflect.apply(target, thisArg, args);
        const current = armed;
        if (current && args[0] === current.table) {
          armed = undefined;
          fired += 1;
          return delayed(builder, () => current.fault({ knex, tx: target }));
        }
        return builder;
      },
    });

  return new Proxy(knex, {
    get(target, property, receiver) {
      if (property === 'arm') {
        return (table: string, fault: StatementFault) => {
          armed = { table, fault };
        };
      }
      if (property === 'fired') return () => fired;
      if (property === 'transaction') {
        return (
          callback: (tx: Knex.Transaction) => Promise<unknown>,
          config?: Knex.TransactionConfig,
        ) =>
          target.transaction(
            tx => callback(wrapTransaction(tx)),
            config as Knex.TransactionConfig,
          );
      }
      return Reflect.get(target, property, receiver);
    },
  }) as Knex & {
    arm(table: string, fault: StatementFault): void;
    fired(): number;
  };
}

/** Fails the statement as a driver reports a connection lost mid-query. */
export const throwConnectionLost: StatementFault = async () => {
  throw new Error('Connection terminated unexpectedly');
};

/**
 * PostgreSQL only: terminates the transaction's own connection from another
 * one, as an administrator, a failover or a network partition would; the
 * statement then fails for real.
 */
export const terminateConnection: StatementFault = async ({ knex, tx }) => {
  const result = await tx.raw('select pg_backend_pid() as pid');
  const pid = result.rows[0].pid;
  await knex.raw('select pg_terminate_backend(?)', [pid]);
};
