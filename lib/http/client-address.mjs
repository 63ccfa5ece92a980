// @ts-check
// Plain JavaScript: scripts/server.mjs runs it directly under node, and the TypeScript code
// and tests import the same file (types in client-address.d.mts).
import { BlockList, isIP } from "node:net";

const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * One address in one spelling: an IPv4 address mapped into IPv6 (`::ffff:10.0.0.1`, what a
 * dual-stack socket reports) becomes the IPv4 address, IPv6 is lower-cased. Anything that is
 * not an IP address gives null.
 * @param {string | undefined | null} value
 * @returns {string | null}
 */
export function normalizeAddress(value) {
  if (!value) return null;
  const text = value.trim();
  const mapped = MAPPED_IPV4.exec(text);
  if (mapped && isIP(mapped[1]) === 4) return mapped[1];
  const family = isIP(text);
  if (family === 4) return text;
  if (family === 6) return text.toLowerCase();
  return null;
}

/**
 * Parses LOTSE_TRUSTED_PROXIES: IP addresses and CIDR ranges, IPv4 and IPv6, separated by
 * commas. Empty or unset trusts no one. A bad entry throws, naming it (the caller names
 * the variable).
 * @param {string | undefined} text
 * @returns {import("./client-address.d.mts").TrustedProxies}
 */
export function parseTrustedProxies(text) {
  const list = new BlockList();
  const entries = (text ?? "").split(",").map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const [base, prefix, ...extra] = entry.split("/");
    const address = normalizeAddress(base);
    const fail = (/** @type {string} */ why) => {
      throw new Error(`"${entry}" ${why}; expected IP addresses or CIDR ranges (e.g. 10.0.0.0/8, fd00::/8) separated by commas.`);
    };
    if (!address || extra.length) fail("is not an IP address or CIDR range");
    const family = isIP(/** @type {string} */ (address)) === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) {
      list.addAddress(/** @type {string} */ (address), family);
      continue;
    }
    // A mapped range (::ffff:10.0.0.0/104) is the IPv4 range its last 32 bits describe.
    const mapped = MAPPED_IPV4.test(/** @type {string} */ (base).trim());
    const [low, high] = mapped ? [96, 128] : family === "ipv4" ? [0, 32] : [0, 128];
    if (!/^\d{1,3}$/.test(prefix) || Number(prefix) < low || Number(prefix) > high) fail(`needs a prefix length from ${low} to ${high}`);
    list.addSubnet(/** @type {string} */ (address), Number(prefix) - (mapped ? 96 : 0), family);
  }
  return {
    entries,
    trusts(address) {
      const normal = normalizeAddress(address);
      if (!normal || entries.length === 0) return false;
      try {
        return list.check(normal, isIP(normal) === 4 ? "ipv4" : "ipv6");
      } catch {
        // e.g. an IPv6 address with a zone (fe80::1%eth0), which BlockList does not take
        return false;
      }
    },
  };
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy; then the
 * X-Forwarded-For hops are walked from the right (the hop each proxy appended) past every
 * trusted proxy, and the first address not trusted is the client. A hop that is no IP
 * address ends the walk at the proxy that reported it: nothing left of it can be believed.
 * @param {string | undefined} peer the socket's remote address
 * @param {string | string[] | undefined} forwardedFor the request's X-Forwarded-For header(s)
 * @param {import("./client-address.d.mts").TrustedProxies} trusted
 * @returns {string | null}
 */
export function clientAddressOf(peer, forwardedFor, trusted) {
  let client = normalizeAddress(peer);
  if (!client || !trusted.trusts(client)) return client;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor ?? "";
  const hops = header.split(",").map((h) => h.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]);
    if (!hop) return client;
    client = hop;
    if (!trusted.trusts(hop)) return hop;
  }
  return client;
}
