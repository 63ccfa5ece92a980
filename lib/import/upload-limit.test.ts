// @driver-independent: reads two constants (README, Tests: run once).
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { MAX_UPLOAD_BYTES } from "./operations";
import { MAX_FILE_BYTES } from "./read";

describe("the upload limit", () => {
  it("lets a request of the largest upload through the proxy whole (next.config.js)", () => {
    const config = createRequire(import.meta.url)("../../next.config.js") as { experimental: { proxyClientMaxBodySize: number } };
    expect(MAX_UPLOAD_BYTES).toBeGreaterThan(MAX_FILE_BYTES);
    expect(config.experimental.proxyClientMaxBodySize).toBe(MAX_UPLOAD_BYTES);
  });
});
