import { request as httpRequest, type IncomingHttpHeaders } from "node:http";

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Via {
  /** Extra request headers (e.g. a made-up X-Forwarded-For). */
  headers?: Record<string, string>;
  /** The local address the connection comes from (any of 127.0.0.0/8 on this machine). */
  localAddress?: string;
}

/** One HTTP request with node:http, which (unlike fetch) can choose the local address. */
export function send(origin: string, method: string, path: string, via: Via = {}, body?: string): Promise<Answer> {
  const url = new URL(path, origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: via.headers, localAddress: via.localAddress }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** The `name=value` pairs an answer sets. */
export const cookiesOf = (answer: Answer) => (answer.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]);

/**
 * next-auth's credentials login over HTTP, as the login form does it: the CSRF token, then
 * the form post. Gives the error the redirect names (null when signed in) and the session cookie.
 */
export async function credentialsLogin(origin: string, email: string, password: string, via: Via = {}) {
  const csrf = await send(origin, "GET", "/api/auth/csrf", via);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }).toString();
  const headers = { ...via.headers, "Content-Type": "application/x-www-form-urlencoded", Cookie: cookiesOf(csrf).join("; ") };
  const answer = await send(origin, "POST", "/api/auth/callback/credentials", { ...via, headers }, form);
  if (answer.status !== 302) throw new Error(`the login answered ${answer.status}, not a redirect: ${answer.body.slice(0, 200)}`);
  const session = cookiesOf(answer).find((c) => /^(__Secure-)?next-auth\.session-token=./.test(c)) ?? null;
  return { error: new URL(String(answer.headers.location), origin).searchParams.get("error"), session };
}
