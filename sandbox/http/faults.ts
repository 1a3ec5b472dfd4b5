import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { isLoopback } from "./loopback.js";

/** Faults a simulator can be told to show, switchable while it runs. */
export const faultSettingsSchema = z.strictObject({
  /** Added before every answer. */
  latencyMs: z.number().int().min(0).max(120_000),
  /** Share of requests answered with HTTP 503, 0–1. */
  errorRate: z.number().min(0).max(1),
  /** Hard down: connections are cut without an answer. */
  down: z.boolean(),
});
export type FaultSettings = z.infer<typeof faultSettingsSchema>;

const NO_FAULTS: FaultSettings = { latencyMs: 0, errorRate: 0, down: false };

export const FAULTS_PATH = "/__sim/faults";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * Wraps a simulator's handler with switchable faults. The control path FAULTS_PATH itself is
 * never faulted: GET shows the settings, PUT replaces them (JSON), DELETE clears them. It answers
 * this machine only, as a simulator may listen on every interface (SANDBOX_HOST 0.0.0.0).
 */
export class FaultSwitch {
  private settings: FaultSettings = NO_FAULTS;

  get current(): FaultSettings {
    return { ...this.settings };
  }

  set(partial: Partial<FaultSettings>): FaultSettings {
    this.settings = faultSettingsSchema.parse({ ...this.settings, ...partial });
    return this.current;
  }

  clear(): void {
    this.settings = NO_FAULTS;
  }

  wrap(handler: Handler): Handler {
    return async (req, res) => {
      if (req.url?.split("?")[0] === FAULTS_PATH) return this.control(req, res);
      const { latencyMs, errorRate, down } = this.settings;
      if (down) {
        req.socket.destroy();
        return;
      }
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      if (errorRate > 0 && Math.random() < errorRate) {
        res.writeHead(503, { "content-type": "text/plain" }).end("injected fault: service unavailable");
        return;
      }
      await handler(req, res);
    };
  }

  /** Serves FAULTS_PATH; public so a control server of its own (the SQL fault proxy) can answer it. */
  async control(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopback(req.socket.remoteAddress)) {
      res.writeHead(403, { "content-type": "application/json" }).end(JSON.stringify({ error: `${FAULTS_PATH} answers loopback clients only` }));
      return;
    }
    if (req.method === "DELETE") this.clear();
    if (req.method === "PUT") {
      let body = "";
      for await (const chunk of req) body += chunk;
      let parsed: unknown;
      try {
        parsed = JSON.parse(body || "{}");
      } catch {
        res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: "body is not JSON" }));
        return;
      }
      const result = faultSettingsSchema.partial().safeParse(parsed);
      if (!result.success) {
        res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: result.error.issues }));
        return;
      }
      this.set(result.data);
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(this.settings));
  }
}
