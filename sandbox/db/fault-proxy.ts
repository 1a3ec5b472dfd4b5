import { createServer as createHttpServer } from "node:http";
import { createServer, type AddressInfo, type Server } from "node:net";
import { z } from "zod";
import { FAULTS_PATH, FaultSwitch, type FaultSettings } from "../http/faults.js";
import { ProxyConnection, strikes, type Endpoint } from "./proxy-connection.js";

export type { Endpoint };

const portSchema = z.number().int().min(0).max(65_535);
const hostPortPattern = /^(?:\[([0-9a-f:.]+)\]|([^\s:/@[\]]+)):(\d{1,5})$/i;
const postgresUrlSchema = z.url({ protocol: /^postgres(ql)?$/ });

/** The database behind the proxy, from `host:port` or a postgres URL (read the way `pg` reads it). */
const targetSchema = z.string().transform((target, ctx): Endpoint => {
  const endpoint = endpointOf(target);
  if (!endpoint.host || endpoint.host.startsWith("/") || !portSchema.safeParse(endpoint.port).success) {
    ctx.addIssue({ code: "custom", message: "target must be host:port or a postgres:// URL with a TCP host (no Unix socket)" });
    return z.NEVER;
  }
  return endpoint;
});

function endpointOf(target: string): Endpoint {
  const hostPort = hostPortPattern.exec(target);
  if (hostPort) return { host: hostPort[1] ?? hostPort[2] ?? "", port: Number(hostPort[3]) };
  if (!postgresUrlSchema.safeParse(target).success) return { host: "", port: 0 };
  const url = new URL(target);
  return {
    host: url.searchParams.get("host") ?? url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: Number(url.searchParams.get("port") || url.port || 5432),
  };
}

const optionsSchema = z.strictObject({
  target: targetSchema,
  /** The proxy's database port; 0 lets the OS choose. */
  port: portSchema.default(0),
  /** Loopback by default: whoever gets through logs in to the database. */
  host: z.string().min(1).default("127.0.0.1"),
  controlPort: portSchema.default(0),
  /** Where FAULTS_PATH listens; it answers loopback callers only whatever this is. */
  controlHost: z.string().min(1).default("127.0.0.1"),
});
export type FaultProxyOptions = z.input<typeof optionsSchema>;

export interface FaultProxy {
  /** Where the proxy takes database connections. */
  readonly address: Endpoint;
  /** `databaseUrl` with its host and port replaced by the proxy's, so `pg` connects through it. */
  url(databaseUrl: string): string;
  /** The control server: GET, PUT and DELETE `${controlUrl}/__sim/faults`. */
  readonly controlUrl: string;
  readonly faults: Pick<FaultSwitch, "current" | "set" | "clear">;
  close(): Promise<void>;
}

/** Going down also cuts the connections already open, so a pooled client fails as well. */
class ProxyFaultSwitch extends FaultSwitch {
  constructor(private readonly cutAll: () => void) {
    super();
  }

  override set(partial: Partial<FaultSettings>): FaultSettings {
    const settings = super.set(partial);
    if (settings.down) this.cutAll();
    return settings;
  }
}

/**
 * A TCP proxy in front of the database for one SQL legacy system, with the simulators' fault switch:
 * down cuts connections, latency delays what the client sends, the error rate resets connections.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const { target, port, host, controlPort, controlHost } = optionsSchema.parse(options);
  const connections = new Set<ProxyConnection>();
  const faults = new ProxyFaultSwitch(() => connections.forEach((connection) => connection.cut()));

  const data = createServer({ allowHalfOpen: true, noDelay: true }, (client) => {
    const { down, errorRate } = faults.current;
    if (down) return void client.destroy();
    if (strikes(errorRate)) {
      // The reset may still report itself; the socket is gone either way.
      client.on("error", () => {});
      return void client.resetAndDestroy();
    }
    const connection = new ProxyConnection(client, target, () => faults.current, () => connections.delete(connection));
    connections.add(connection);
  });
  const control = createHttpServer((req, res) => {
    if (req.url?.split("?")[0] !== FAULTS_PATH) return void res.writeHead(404).end();
    faults.control(req, res).catch(() => res.destroy());
  });

  const close = async () => {
    connections.forEach((connection) => connection.cut());
    const closed = Promise.all([shutDown(data), shutDown(control)]);
    control.closeAllConnections();
    await closed;
  };
  let dataPort: number;
  let boundControlPort: number;
  try {
    dataPort = await listen(data, port, host);
    boundControlPort = await listen(control, controlPort, controlHost);
  } catch (error) {
    await close();
    throw error;
  }
  const address = { host: dialable(host), port: dataPort };
  return {
    address,
    url: (databaseUrl) => {
      const url = new URL(postgresUrlSchema.parse(databaseUrl));
      url.hostname = inUrl(address.host);
      url.port = String(address.port);
      // pg prefers host and port from the query to the URL's own: left there, they would bypass the proxy.
      for (const key of ["host", "port"]) if (url.searchParams.has(key)) url.searchParams.delete(key);
      return url.toString();
    },
    controlUrl: `http://${inUrl(dialable(controlHost))}:${boundControlPort}`,
    faults,
    close,
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Closes the server; resolves once it is closed, or at once when it never listened. */
function shutDown(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A wildcard address means this machine when dialled. */
function dialable(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "::1";
  return host;
}

function inUrl(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}
