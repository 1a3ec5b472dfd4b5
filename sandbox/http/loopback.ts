import { BlockList, isIPv6 } from "node:net";

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** Whether a peer address is this machine's loopback: 127.0.0.0/8, ::1, or 127.x.x.x mapped into IPv6. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return loopback.check(address, isIPv6(address) ? "ipv6" : "ipv4");
}
