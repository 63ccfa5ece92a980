import { cookiesOf, credentialsLogin, send, type Answer } from "../http-login";

/**
 * A browser-like client over node:http: a cookie jar, and a source address of its own on the
 * loopback network (127.0.0.0/8 is all local on Linux), so that a proxy sees distinct clients.
 */
export class Client {
  private cookies = new Map<string, string>();

  constructor(private readonly sourceAddress = "127.0.0.1") {}

  /** The same cookies in another client: the session as a second tab or a copied cookie holds it. */
  clone(): Client {
    const copy = new Client(this.sourceAddress);
    copy.cookies = new Map(this.cookies);
    return copy;
  }

  private keep(answer: Answer): void {
    for (const pair of cookiesOf(answer)) {
      const at = pair.indexOf("=");
      const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
      if (value) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
  }

  async send(origin: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const headers = { ...(cookie ? { cookie } : {}), ...options.headers };
    const answer = await send(origin, options.method ?? "GET", path, { headers, localAddress: this.sourceAddress }, options.body);
    this.keep(answer);
    return { ...answer, json: <T = any>() => JSON.parse(answer.body) as T };
  }

  /** next-auth's credentials login as the login form does it; the outcome next-auth names. */
  async login(origin: string, email: string, password: string, headers: Record<string, string> = {}): Promise<string> {
    const { error, session } = await credentialsLogin(origin, email, password, { headers, localAddress: this.sourceAddress });
    if (session) {
      const at = session.indexOf("=");
      this.cookies.set(session.slice(0, at), session.slice(at + 1));
    }
    return session && !error ? "ok" : error === "throttled" ? "throttled" : error === "slowed" ? "slowed" : "failed";
  }

  async logout(origin: string): Promise<void> {
    const { csrfToken } = (await this.send(origin, "/api/auth/csrf")).json<{ csrfToken: string }>();
    await this.send(origin, "/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: "/" }).toString(),
    });
  }
}
