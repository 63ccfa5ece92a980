/**
 * Limits on the shape of any input (quality target R10, docs/quality.md). JSON.stringify, zod and
 * the text checks all recurse, so a body nested thousands of levels deep would
 * overflow the stack there (a 5xx); these checks come first and never recurse.
 */
export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_DEPTH = 32;
export const MAX_VALUES = 100_000;

export type ShapeProblem = { key: "bodyTooDeep"; max: number } | { key: "bodyTooManyValues"; max: number };

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether a JSON text nests deeper than `max` (an object or array at the top is
 * level 1): one pass over its brackets outside strings, before JSON.parse.
 * Malformed text is left for JSON.parse to refuse.
 */
export function textTooDeep(text: string, max = MAX_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}

/**
 * The first limit an input passes, if any: its depth (an object or array at the
 * top is level 1) or its number of values. Walked with a stack of its own, so
 * that neither depth nor a cycle can overflow anything.
 */
export function inputShapeProblem(input: unknown, limits = { depth: MAX_DEPTH, values: MAX_VALUES }): ShapeProblem | null {
  const pending: [value: unknown, depth: number][] = [[input, 0]];
  let values = 1;
  while (pending.length) {
    const [value, depth] = pending.pop()!;
    if (!value || typeof value !== "object") continue;
    if (depth + 1 > limits.depth) return { key: "bodyTooDeep", max: limits.depth };
    const children = Object.values(value);
    values += children.length;
    if (values > limits.values) return { key: "bodyTooManyValues", max: limits.values };
    for (const child of children) pending.push([child, depth + 1]);
  }
  return null;
}

/** A request's body as text, or null once it passes `limit` bytes (read no further than that). */
export async function readBounded(request: Request, limit = MAX_BODY_BYTES): Promise<string | null> {
  if (Number(request.headers.get("content-length")) > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: on one branch of a cloned request it settles only once the other branch is cancelled too.
      reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
