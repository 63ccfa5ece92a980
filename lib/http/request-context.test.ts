import { describe, expect, it } from "vitest";
import { currentRequestIsPrefetch, isPrefetch, requestContext } from "./request-context.mjs";

describe("a request made ahead of a click", () => {
  it("is told by any of the router's prefetch marks, and only by them", () => {
    for (const value of ["1", "2", "3"]) expect(isPrefetch({ rsc: "1", "next-router-prefetch": value })).toBe(true);
    expect(isPrefetch({ rsc: "1", "next-router-segment-prefetch": "/_tree" })).toBe(true);
    expect(isPrefetch({ rsc: "1", "next-router-state-tree": "%5B%5D" })).toBe(false);
    expect(isPrefetch({})).toBe(false);
  });

  it("is known inside the request's context only", () => {
    expect(currentRequestIsPrefetch()).toBe(false);
    expect(requestContext.run({ requestId: "a", prefetch: true }, currentRequestIsPrefetch)).toBe(true);
    expect(requestContext.run({ requestId: "b", prefetch: false }, currentRequestIsPrefetch)).toBe(false);
    expect(requestContext.run({ requestId: "c" }, currentRequestIsPrefetch)).toBe(false);
  });
});
