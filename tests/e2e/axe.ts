import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import type { AxeResults } from "axe-core";

/**
 * axe-core (WCAG 2.0/2.1, A and AA) over the page as it is laid out now, run in the page itself.
 *
 * Why not @axe-core/playwright's AxeBuilder: it injects axe into every frame on each call and
 * finishes each run in a second, blank page, which took 2–6 s a page here against 0.2–1 s for the
 * same rules run in place (the phone-width walk runs axe about 130 times). The app has no frames
 * (X-Frame-Options DENY, no <iframe>), so one run in the top document sees everything; a frame
 * appearing would fail the check rather than go unchecked.
 */
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export async function axeResults(page: Page): Promise<AxeResults> {
  if (page.frames().length !== 1) throw new Error(`axe: ${page.url()} has ${page.frames().length - 1} frames, which this check does not reach`);
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  // Only violations get every node; passes are still listed (one node each), so "checked nothing" shows.
  return page.evaluate((values) => (window as unknown as { axe: typeof import("axe-core") }).axe.run(document, { runOnly: { type: "tag", values }, resultTypes: ["violations"] }), TAGS);
}

/** Each violation as "rule: where", and a failure if axe found nothing to check. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await axeResults(page);
  if (results.passes.length === 0) throw new Error(`axe checked nothing on ${page.url()}`);
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
