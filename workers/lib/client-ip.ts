import ipaddr from "ipaddr.js";

/**
 * The visitor's address as Cloudflare's edge reports it (`cf-connecting-ip`; the edge sets it on
 * every request and overwrites any a client sends; the app forwards it through the service
 * binding). Null when absent, which only happens for in-process calls (tests, local tools).
 */
export function clientIp(headers: Headers): string | null {
  const raw = headers.get("cf-connecting-ip")?.trim();
  return raw && ipaddr.isValid(raw) ? ipaddr.process(raw).toString() : null;
}

/**
 * The key one client is limited under: an IPv4 address as is, an IPv6 address by its /64
 * (one subscriber usually holds a whole /64, so single addresses would be free to rotate).
 */
export function rateLimitKey(ip: string): string {
  const addr = ipaddr.process(ip);
  return addr.kind() === "ipv4" ? addr.toString() : prefix(addr as ipaddr.IPv6, 64);
}

/**
 * The network a sign-in attempt comes from, for the per-network lockout: an IPv4 /24 or an
 * IPv6 /48, so neighbouring addresses of one attacker share one budget. Unknown -> "unknown".
 */
export function networkOf(ip: string | null): string {
  if (!ip) return "unknown";
  const addr = ipaddr.process(ip);
  return addr.kind() === "ipv4" ? prefix(addr as ipaddr.IPv4, 24) : prefix(addr as ipaddr.IPv6, 48);
}

function prefix(addr: ipaddr.IPv4 | ipaddr.IPv6, bits: number): string {
  const cidr = `${addr.toString()}/${bits}`;
  const first = addr.kind() === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(cidr) : ipaddr.IPv6.networkAddressFromCIDR(cidr);
  return `${first.toString()}/${bits}`;
}

/** 127.0.0.0/8 or ::1: a caller on this machine. */
export const isLoopback = (ip: string) => ipaddr.process(ip).range() === "loopback";
