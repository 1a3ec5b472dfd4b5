import { networkInterfaces } from "node:os";

/**
 * For tests only: this machine's IPv4 addresses outside loopback, through which a server bound to
 * loopback must not be reachable. Empty on a machine that has none.
 */
export function externalIPv4Addresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .filter((address) => address.family === "IPv4" && !address.internal)
    .map((address) => address.address);
}
