// Used by the login page (server), the login form (browser) and next-auth's redirect callback:
// no server-only imports here.

/** Stands for "this app" while a bare path is parsed; it never appears in a result. */
const BASE = new URL("https://lotse.invalid/");

// Browsers drop tabs and newlines from URLs and read "\" as "/": "/\t/evil" and "/\evil" lead to
// //evil. No path of this app holds a control character or a backslash, so none is followed.
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

/**
 * The value with every %XX escape undone, again and again (double encoding hides "//" as
 * "%252F%252F"). Bytes become single characters: enough to see slashes, backslashes and controls.
 */
function decodedFully(value: string): string {
  let current = value;
  for (;;) {
    const next = current.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === current) return current;
    current = next;
  }
}

function parsed(value: string): URL | null {
  try {
    return new URL(value, BASE);
  } catch {
    return null;
  }
}

/** A path that, read as a URL of this app, names another host, or starts with "//" once its dot segments are gone. */
function leavesOrigin(path: string): boolean {
  const url = parsed(path);
  return !url || url.origin !== BASE.origin || url.pathname.startsWith("//");
}

/**
 * Where to send the browser after login: the normalised path (with query and fragment) when
 * `target` is a path of this app, or an absolute URL of `appOrigin`; otherwise null, and the
 * caller falls back to a page of its own choosing. Encoded forms count as what they decode to
 * (`/%2F/evil`, `/%5Cevil`, `/%09/evil` are refused), so no later decoding can turn the answer
 * into a link to another site.
 */
export function sameOriginPath(target: unknown, appOrigin?: string | null): string | null {
  if (typeof target !== "string" || target === "" || UNSAFE.test(decodedFully(target))) return null;
  const url = parsed(target);
  if (!url) return null;
  // A bare path resolves against BASE; anything else (an absolute URL, "javascript:…", a relative
  // "evil/x") must name appOrigin itself.
  const own = target.startsWith("/") ? url.origin === BASE.origin : Boolean(appOrigin) && url.origin === parsed(appOrigin ?? "")?.origin;
  if (!own || leavesOrigin(url.pathname) || leavesOrigin(decodedFully(url.pathname))) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
