/**
 * The Content-Security-Policy, whose script part names a fresh nonce for each request:
 * proxy.ts sets it. The fixed security headers are in next.config.js.
 */
import { env } from "@/lib/env";

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
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${env().development ? " 'unsafe-eval'" : ""}`,
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
