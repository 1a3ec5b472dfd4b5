import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The request's deadline, part of every port's contract: whoever serves a request (a subgraph, from
 * the gateway's header) runs it inside `withDeadline`, and every legacy call made on its behalf, however
 * deep in batching, spends at most what is left of it.
 */
const current = new AsyncLocalStorage<number>();

/** Runs `work` with a deadline (epoch milliseconds) that every legacy call inside it honours. */
export function withDeadline<T>(deadline: number, work: () => T): T {
  return current.run(deadline, work);
}

/** Milliseconds left before the current request's deadline; undefined outside any request. */
export function remainingMs(now = Date.now()): number | undefined {
  const deadline = current.getStore();
  return deadline === undefined ? undefined : Math.max(0, deadline - now);
}

/** A call's budget: the smaller of its own and what is left of the request's. */
export function callBudgetMs(ownBudgetMs: number, now = Date.now()): number {
  const left = remainingMs(now);
  return left === undefined ? ownBudgetMs : Math.min(ownBudgetMs, left);
}
