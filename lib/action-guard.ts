import { requestLocale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translate";
import { MAX_BODY_BYTES, MAX_DEPTH, readBounded, textTooDeep } from "@/lib/input-shape";

/** Why a server action's body is refused: its HTTP status and the error naming `_body`. */
export interface ActionBodyRefusal {
  status: 413 | 422;
  error: { kind: "too_large" | "validation"; fieldErrors: { _body: string[] } };
}

/**
 * A server action's arguments are decoded by React (JSON.parse with a reviver,
 * which recurses) before any of our code runs: a body nested thousands of
 * levels deep, over Next's size limit, not JSON or not an argument list ends
 * there in a 500. The proxy refuses such bodies first (quality target R10, docs/quality.md); what
 * passes is held to the same limits again in execute().
 *
 * The app calls its actions with plain values, which React sends as one JSON
 * text (an array of the arguments). In a multipart body React parses the fields
 * named by a number; the others are form fields, handed over as they are.
 *
 * Gives back the refusal (the proxy answers it as JSON), or null for a body that may pass.
 */
export async function refuseActionBody(request: Request): Promise<ActionBodyRefusal | null> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return null;
  const refuse = (status: 413 | 422, key: string, max?: number): ActionBodyRefusal => {
    const t = translator(requestLocale(request));
    const message = max === undefined ? t(`errors.${key}`) : t(`errors.${key}`, { max });
    return { status, error: { kind: status === 413 ? "too_large" : "validation", fieldErrors: { _body: [message] } } };
  };
  const type = request.headers.get("content-type") ?? "";
  const text = await readBounded(request.clone(), MAX_BODY_BYTES);
  if (text === null) return refuse(413, "bodyTooLarge", MAX_BODY_BYTES);
  // One level more than an operation's input: the list of arguments around it.
  const depth = MAX_DEPTH + 1;
  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await new Request(request.url, { method: "POST", headers: { "content-type": type }, body: text }).formData();
    } catch {
      return refuse(422, "json");
    }
    for (const [name, value] of form) if (/^\d+$/.test(name) && typeof value === "string" && textTooDeep(value, depth)) return refuse(422, "bodyTooDeep", MAX_DEPTH);
    return null;
  }
  if (textTooDeep(text, depth)) return refuse(422, "bodyTooDeep", MAX_DEPTH);
  try {
    if (Array.isArray(JSON.parse(text))) return null;
  } catch {
    // reported below
  }
  return refuse(422, "json");
}
