// @driver-independent, second run: server-action body limits, refused before any data is read (README, Tests: run once).
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";

/**
 * Quality target R10 (docs/quality.md) for server actions: React decodes their arguments before any
 * of our code runs, so proxy.ts (lib/action-guard.ts) refuses bodies that would
 * break that decoding with a 4xx naming `_body`, never the 500 they once got.
 */
function actionId(exportedName: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { exportedName: string }> };
  return Object.entries(manifest.node).find(([, action]) => action.exportedName === exportedName)![0];
}

test("a server action's body past the limits gets a 4xx naming _body, and a normal call still works", async ({ request }) => {
  const id = actionId("setLocaleAction");
  const post = (data: string) =>
    request.post("/login", { headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", "accept-language": "en" }, data });

  const ok = await post(JSON.stringify([{ locale: "en" }]));
  expect(ok.status()).toBe(200);
  expect(await ok.text()).toContain('{"ok":true,"value":{"locale":"en"}}');

  const cases: [string, string, number, string][] = [
    ["nested 10,000 levels deep", `[{"locale":${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}}]`, 422, "The body is nested too deeply: at most 32 levels."],
    ["2 MiB", JSON.stringify([{ locale: "x".repeat(2 * 1024 * 1024) }]), 413, "The body is too large: at most 1,048,576 bytes."],
    ["not JSON", "[{", 422, "The body must be a JSON array of the arguments."],
    ["no argument list", '"x"', 422, "The body must be a JSON array of the arguments."],
  ];
  for (const [what, body, status, message] of cases) {
    const answer = await post(body);
    expect(answer.status(), what).toBe(status);
    expect(await answer.json(), what).toMatchObject({ error: { fieldErrors: { _body: [message] } } });
  }
});
