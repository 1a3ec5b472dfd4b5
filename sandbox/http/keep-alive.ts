import type { Server } from "node:http";

/**
 * Keeps idle keep-alive connections open for a minute instead of Node's five seconds. A client picks an idle
 * connection it believes open; when its own thread has been busy for seconds (the snapshot parsing and judging
 * a batch on a loaded machine), Node's five seconds ran out meanwhile and the request met a closed socket
 * ("other side closed"), its retry another one: the run stopped on a system that was up (seen at 100,000
 * customers under load). A client closes its idle connections well before a minute.
 */
export function keepIdleConnections(server: Server): void {
  server.keepAliveTimeout = 60_000;
}
