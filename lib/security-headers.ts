/**
 * The app's security headers, defined once. next.config.ts sends the fixed ones with every
 * response, static files included; proxy.ts adds the Content-Security-Policy, whose script
 * part names a fresh nonce for each request.
 */

const production = process.env.NODE_ENV === "production";
const development = process.env.NODE_ENV === "development";

/** 16 random bytes, base64: unguessable, and new for every request. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    // Only scripts carrying this response's nonce run. Next.js reads the nonce from the
    // request's policy and puts it on its bootstrap and page scripts; 'strict-dynamic' lets
    // those load the chunks they import. React's development build needs eval for its error overlay.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Inline styles stay allowed: Next.js's built-in error pages render style attributes, which
    // no nonce can cover (and a nonce here would switch 'unsafe-inline' off). A style cannot
    // run code; the scripts are what the nonce protects.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Everything but the policy: the same on every response. */
export const SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];
