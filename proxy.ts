import { NextResponse, type NextRequest } from "next/server";
import { refuseActionBody } from "@/lib/action-guard";
import { contentSecurityPolicy, newNonce } from "@/lib/security-headers";

// Coarse redirects only: a visitor without a session cookie goes to the login page.
// Whether the session is valid and what it may do is decided in lib/ for every read and write.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const SIGNED_IN_AREAS = /^\/(cases|reports|admin)(\/|$)/;

export async function proxy(request: NextRequest) {
  const refused = await refuseActionBody(request);
  if (refused) return Response.json({ error: refused.error }, { status: refused.status, headers: { "Cache-Control": "no-store" } });
  const policy = contentSecurityPolicy(newNonce());
  if (SIGNED_IN_AREAS.test(request.nextUrl.pathname) && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", request.nextUrl.pathname);
    const redirect = NextResponse.redirect(login);
    redirect.headers.set("Content-Security-Policy", policy);
    return redirect;
  }
  // Next.js takes the nonce from the request's policy and puts it on the scripts it renders,
  // so every page must render per request (they all read the session in the root layout).
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

// Every page and API route; not the build's static files and images, which run no script.
export const config = { matcher: ["/((?!_next/static|_next/image|favicon\\.ico|.*\\.(?:ico|png|jpe?g|gif|svg|webp|woff2?)$).*)"] };
