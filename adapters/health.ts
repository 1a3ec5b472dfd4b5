/** A legacy system's health as its port reports it (`port.health()`), for /readyz: part of every port's contract. */
export type { BreakerState, SourceHealth } from "./kit/policies/breaker.js";
