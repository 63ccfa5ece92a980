// @driver-independent: no database (README, Tests: run once).
import { describe, expect, it } from "vitest";
import { refuseActionBody } from "./action-guard";

const deep = (levels: number) => `${"[".repeat(levels)}1${"]".repeat(levels)}`;

function action(body: BodyInit, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost/cases", {
    method: "POST",
    headers: { "next-action": "40aa", "content-type": "text/plain;charset=UTF-8", "accept-language": "en", ...headers },
    body,
  });
}

function multipart(fields: Record<string, string>): Request {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const encoded = new Request("http://localhost/", { method: "POST", body: form });
  return new Request("http://localhost/cases", { method: "POST", headers: { "next-action": "40aa", "content-type": encoded.headers.get("content-type")! }, body: encoded.body, duplex: "half" } as RequestInit);
}

async function refusal(request: Request) {
  const refused = await refuseActionBody(request);
  return refused && { status: refused.status, body: { error: refused.error } };
}

describe("server action bodies the proxy refuses before React decodes them (quality target R10, docs/quality.md)", () => {
  it("lets an argument list through, and anything that is not a server action", async () => {
    expect(await refuseActionBody(action(JSON.stringify([{ locale: "en", notes: "[[[[ text, not nesting" }])))).toBeNull();
    expect(await refuseActionBody(action(`[${deep(32)}]`))).toBeNull();
    expect(await refuseActionBody(new Request("http://localhost/api/v1/clients", { method: "POST", body: deep(10_000) }))).toBeNull();
    expect(await refuseActionBody(new Request("http://localhost/cases", { headers: { "next-action": "40aa" } }))).toBeNull();
  });

  it.each([
    ["an object", `[{"notes":${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}}]`],
    ["an array", `[{"notes":${deep(10_000)}}]`],
  ])("refuses arguments nested 10,000 levels deep in %s: 422 naming _body", async (_, body) => {
    expect(await refusal(action(body))).toEqual({ status: 422, body: { error: { kind: "validation", fieldErrors: { _body: ["The body is nested too deeply: at most 32 levels."] } } } });
  });

  it("refuses a body over 1 MiB: 413 naming _body, in the caller's language", async () => {
    const body = JSON.stringify([{ notes: "x".repeat(2 * 1024 * 1024) }]);
    expect(await refusal(action(body, { "accept-language": "de" }))).toEqual({
      status: 413,
      body: { error: { kind: "too_large", fieldErrors: { _body: ["Die Anfrage ist zu groß: höchstens 1.048.576 Bytes."] } } },
    });
  });

  it.each(["[{", '"x"', '{"locale":"en"}', ""])("refuses %j, which is no argument list: 422", async (body) => {
    expect(await refusal(action(body))).toMatchObject({ status: 422, body: { error: { fieldErrors: { _body: ["The body must be a JSON array of the arguments."] } } } });
  });

  it("checks the fields React parses in a multipart body, not the form's own fields", async () => {
    expect(await refusal(multipart({ "0": `["$1"]`, "1": deep(10_000) }))).toMatchObject({ status: 422, body: { error: { fieldErrors: { _body: [expect.stringMatching(/^Die Daten sind zu tief/)] } } } });
    expect(await refuseActionBody(multipart({ "0": `["$K1"]`, "1_notes": deep(100) }))).toBeNull();
  });
});
