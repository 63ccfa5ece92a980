import { request as httpRequest } from "node:http";

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = any>(): T;
}

/**
 * One browser-like client: a cookie jar, and a source address of its own on the loopback
 * network (127.0.0.0/8 is all local on Linux), so that a proxy sees distinct clients.
 */
export class Client {
  private cookies = new Map<string, string>();

  constructor(private readonly sourceAddress = "127.0.0.1") {}

  /** The same cookies in another client: the session as a second tab or a stolen cookie would hold it. */
  clone(): Client {
    const copy = new Client(this.sourceAddress);
    copy.cookies = new Map(this.cookies);
    return copy;
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  hasSession(): boolean {
    return [...this.cookies.keys()].some((k) => k.includes("session-token"));
  }

  send(base: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
    const url = new URL(path, base);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        url,
        {
          method: options.method ?? "GET",
          localAddress: this.sourceAddress,
          headers: { ...(this.cookies.size ? { cookie: this.cookieHeader } : {}), ...options.headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            for (const line of ([] as string[]).concat(res.headers["set-cookie"] ?? [])) {
              const [pair, ...attributes] = line.split(";");
              const at = pair.indexOf("=");
              const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
              const expired = attributes.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
              if (expired || value === "") this.cookies.delete(name);
              else this.cookies.set(name, value);
            }
            const text = Buffer.concat(chunks).toString("utf8");
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
          });
        },
      );
      req.on("error", reject);
      req.setTimeout(30_000, () => req.destroy(new Error(`${url} timed out`)));
      if (options.body) req.write(options.body);
      req.end();
    });
  }

  /** next-auth's credentials login as the login form does it; answers the outcome next-auth names. */
  async login(base: string, email: string, password: string, headers: Record<string, string> = {}): Promise<"ok" | "throttled" | "failed"> {
    const { csrfToken } = (await this.send(base, "/api/auth/csrf", { headers })).json<{ csrfToken: string }>();
    const reply = await this.send(base, "/api/auth/callback/credentials", {
      method: "POST",
      headers: { ...headers, "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
      body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
    });
    const url = new URL(reply.json<{ url: string }>().url);
    const error = url.searchParams.get("error");
    if (!error && this.hasSession()) return "ok";
    return error === "throttled" ? "throttled" : "failed";
  }

  async logout(base: string): Promise<void> {
    const { csrfToken } = (await this.send(base, "/api/auth/csrf")).json<{ csrfToken: string }>();
    await this.send(base, "/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
      body: new URLSearchParams({ csrfToken, json: "true" }).toString(),
    });
  }
}
