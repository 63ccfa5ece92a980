import { NextResponse, type NextRequest } from "next/server";

// Coarse redirects only: a visitor without a session cookie goes to the login page.
// Whether the session is valid and what it may do is decided in lib/ for every read and write.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", request.nextUrl.pathname);
  return NextResponse.redirect(login);
}

export const config = { matcher: ["/cases/:path*", "/reports/:path*", "/admin/:path*"] };
