import { SpanKind, SpanStatusCode, context, createContextKey, trace, type Attributes, type Span } from "@opentelemetry/api";
import { ATTR_DB_SYSTEM_NAME, DB_SYSTEM_NAME_VALUE_POSTGRESQL } from "@opentelemetry/semantic-conventions";
import { componentLog } from "../../schema/logging.js";
import { isAdapterError, type SourceSystem } from "./errors.js";
import { legacyDuration, legacyErrors, legacyRoundTrips } from "./metrics.js";

const tracer = trace.getTracer("customer-graph/adapters");

/** The adapters' own log (the cache's outages); a legacy system's failures are logged by the subgraph that met them. */
export const adaptersLog = componentLog("adapters");

/** The port call a legacy call is made for, so the legacy call's span can say which and for how many keys. */
interface PortCall {
  operation: string;
  batchSize?: number;
}
const PORT_CALL = createContextKey("customer-graph.port-call");

function attributesOf(system: SourceSystem, call: PortCall | undefined): Attributes {
  return { "cg.system": system, ...(call ? { "cg.operation": call.operation } : {}), ...(call?.batchSize !== undefined ? { "cg.batch_size": call.batchSize } : {}) };
}

function failed(span: Span, error: unknown): void {
  const code = isAdapterError(error) ? error.code : "INTERNAL";
  span.setAttribute("cg.error_code", code);
  span.setStatus({ code: SpanStatusCode.ERROR, message: code });
}

/** Methods that are no call to the system. */
const UNTRACED = new Set(["health", "close"]);

/**
 * The port with a span around each of its methods, named `<system> <method>`, with the system, the method
 * (`cg.operation`) and, for a batch read, how many keys it was asked for (`cg.batch_size`). Wrapped around
 * the cache by the composition root, so a call the cache answers is a span with no legacy call under it.
 * Outside a traced request (background jobs, tracing off) the method runs as it is.
 */
export function tracedPort<P extends object>(system: SourceSystem, port: P): P {
  return new Proxy(port, {
    get(target, property) {
      const original: unknown = Reflect.get(target, property, target);
      if (typeof original !== "function") return original;
      if (typeof property !== "string" || UNTRACED.has(property)) return original.bind(target);
      return (...args: unknown[]) => {
        if (!trace.getActiveSpan()) return original.apply(target, args);
        const call: PortCall = { operation: property, ...(Array.isArray(args[0]) ? { batchSize: args[0].length } : {}) };
        return tracer.startActiveSpan(`${system} ${property}`, { attributes: attributesOf(system, call) }, context.active().setValue(PORT_CALL, call), (span) => {
          const end = <T>(value: T) => {
            span.end();
            return value;
          };
          const fail = (error: unknown) => {
            failed(span, error);
            span.end();
            throw error;
          };
          let result: unknown;
          try {
            result = original.apply(target, args);
          } catch (error) {
            return fail(error);
          }
          return result instanceof Promise ? result.then(end, fail) : end(result);
        });
      };
    },
  });
}

/**
 * One call across the wire to a legacy system (one attempt: a retried call is several): counted
 * (round trips, errors by code, time, per system) and, inside a traced request, a client span under its
 * port call's, with that call's operation and batch size.
 */
export async function legacyCall<T>(system: SourceSystem, protocol: "http" | "sql", attempt: () => Promise<T>): Promise<T> {
  legacyRoundTrips.inc({ system });
  const startedAt = performance.now();
  const span = trace.getActiveSpan()
    ? tracer.startSpan(`${system} ${protocol}`, {
        kind: SpanKind.CLIENT,
        attributes: {
          ...attributesOf(system, context.active().getValue(PORT_CALL) as PortCall | undefined),
          "cg.protocol": protocol,
          ...(protocol === "sql" ? { [ATTR_DB_SYSTEM_NAME]: DB_SYSTEM_NAME_VALUE_POSTGRESQL } : {}),
        },
      })
    : undefined;
  try {
    return await attempt();
  } catch (error) {
    legacyErrors.inc({ system, code: isAdapterError(error) ? error.code : "INTERNAL" });
    if (span) failed(span, error);
    throw error;
  } finally {
    legacyDuration.observe({ system }, (performance.now() - startedAt) / 1000);
    span?.end();
  }
}
