import type { CustomerFacts } from "../facts.js";
import { num } from "./format.js";
import type { FactorFinding } from "./score.js";

type CustomerKind = CustomerFacts["profile"]["kind"];

/** The customer's nature (seed: 客户性质), the kind the hall records, valued by the judgement's own table. */
export function customerKindFinding(facts: CustomerFacts, values: Readonly<Record<CustomerKind, number>>): FactorFinding {
  const kind = facts.profile.kind;
  return { value: values[kind], reason: `Customer kind ${kind} scores ${num(values[kind])}.` };
}
