// @driver-independent: no database (README, Tests: run once).
import { describe, expect, it } from "vitest";
import { clientAddressOf, normalizeAddress, parseTrustedProxies } from "./client-address.mjs";
import { requestIdFor } from "./request-context.mjs";

const none = parseTrustedProxies(undefined);

describe("client address", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(clientAddressOf("::ffff:127.0.0.1", "203.0.113.7", none)).toBe("127.0.0.1");
    expect(clientAddressOf("198.51.100.4", "203.0.113.7, 10.0.0.1", none)).toBe("198.51.100.4");
    expect(clientAddressOf("2001:DB8::1", undefined, none)).toBe("2001:db8::1");
  });

  it("is the socket's peer when that peer is not a trusted proxy", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8");
    expect(clientAddressOf("198.51.100.4", "203.0.113.7", trusted)).toBe("198.51.100.4");
  });

  it("behind trusted proxies, is the first untrusted hop from the right", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8, fd00::/8");
    // client → proxy 10.0.0.9 → proxy 10.0.0.5 → app; the client itself claimed 1.2.3.4 first.
    expect(clientAddressOf("::ffff:10.0.0.5", "1.2.3.4, 203.0.113.7, 10.0.0.9", trusted)).toBe("203.0.113.7");
    expect(clientAddressOf("fd00::2", ["1.2.3.4", "2001:db8::7"], trusted)).toBe("2001:db8::7");
    expect(clientAddressOf("10.0.0.5", "203.0.113.7,::ffff:10.1.1.1", trusted)).toBe("203.0.113.7");
  });

  it("behind a trusted proxy that sent no header, or only trusted hops, is the farthest address known", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8");
    expect(clientAddressOf("10.0.0.5", undefined, trusted)).toBe("10.0.0.5");
    expect(clientAddressOf("10.0.0.5", "10.0.0.7, 10.0.0.6", trusted)).toBe("10.0.0.7");
  });

  it("stops at a hop that is no address: nothing left of it can be believed", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8");
    expect(clientAddressOf("10.0.0.5", "203.0.113.7, unknown, 10.0.0.9", trusted)).toBe("10.0.0.9");
    expect(clientAddressOf("10.0.0.5", "garbage", trusted)).toBe("10.0.0.5");
  });

  it("writes each address one way", () => {
    expect(normalizeAddress(" ::FFFF:192.0.2.1 ")).toBe("192.0.2.1");
    expect(normalizeAddress("2001:DB8::A")).toBe("2001:db8::a");
    expect(normalizeAddress("192.0.2.300")).toBeNull();
    expect(normalizeAddress("")).toBeNull();
    expect(normalizeAddress(undefined)).toBeNull();
  });
});

describe("LOTSE_TRUSTED_PROXIES", () => {
  it("takes addresses and CIDR ranges of both families, mapped forms included", () => {
    const trusted = parseTrustedProxies(" 192.0.2.10 , 10.0.0.0/8,::1, fd00::/8, ::ffff:172.16.0.0/108 ");
    expect(trusted.entries).toEqual(["192.0.2.10", "10.0.0.0/8", "::1", "fd00::/8", "::ffff:172.16.0.0/108"]);
    for (const yes of ["192.0.2.10", "::ffff:192.0.2.10", "10.200.3.4", "::1", "fd12:3456::1", "172.16.200.1", "::ffff:172.31.0.1"]) expect(trusted.trusts(yes), yes).toBe(true);
    for (const no of ["192.0.2.11", "11.0.0.1", "::2", "fe80::1", "172.32.0.1", "", undefined, "not an address"]) expect(trusted.trusts(no), String(no)).toBe(false);
  });

  it("trusts no one when unset or empty", () => {
    for (const text of [undefined, "", " , "]) {
      const trusted = parseTrustedProxies(text);
      expect(trusted.entries).toEqual([]);
      expect(trusted.trusts("127.0.0.1")).toBe(false);
    }
  });

  it("refuses a bad entry, naming it", () => {
    expect(() => parseTrustedProxies("10.0.0.1, proxy.example")).toThrow('"proxy.example" is not an IP address or CIDR range');
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow('"10.0.0.0/33" needs a prefix length from 0 to 32');
    expect(() => parseTrustedProxies("fd00::/129")).toThrow('"fd00::/129" needs a prefix length from 0 to 128');
    expect(() => parseTrustedProxies("::ffff:10.0.0.0/64")).toThrow('"::ffff:10.0.0.0/64" needs a prefix length from 96 to 128');
    expect(() => parseTrustedProxies("10.0.0.0/x")).toThrow('"10.0.0.0/x"');
    expect(() => parseTrustedProxies("10.0.0.0/8/8")).toThrow('"10.0.0.0/8/8"');
    expect(() => parseTrustedProxies("256.1.1.1")).toThrow('"256.1.1.1"');
  });
});

describe("request id", () => {
  it("is new for every request, unless a trusted proxy sent one", () => {
    const made = requestIdFor("from-the-client", false);
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor(undefined, false)).not.toBe(made);
    expect(requestIdFor("proxy-id-42", true)).toBe("proxy-id-42");
    expect(requestIdFor(["proxy-id-43", "x"], true)).toBe("proxy-id-43");
    // Not passed on into every log line: too long, or with characters a log reader may choke on.
    expect(requestIdFor("x".repeat(129), true)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor('a"b\nc', true)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
