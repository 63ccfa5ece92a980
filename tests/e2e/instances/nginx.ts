import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The address the proxy connects to the app instances from: the one they are told to trust. */
export const PROXY_ADDRESS = "127.0.0.2";

export interface Proxy {
  url: string;
  stop(): void;
  log(): string;
}

/**
 * Debian's nginx in front of the app instances, as an operator would run it: round robin,
 * the client's address appended to X-Forwarded-For, the upstream that answered in a header.
 */
export function startNginx(port: number, upstreams: number[]): Promise<Proxy> {
  const dir = mkdtempSync(join(tmpdir(), "lotse-nginx-"));
  for (const sub of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(join(dir, sub));
  writeFileSync(
    join(dir, "nginx.conf"),
    `${process.getuid?.() === 0 ? "user root root;" : ""}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream lotse { ${upstreams.map((p) => `server 127.0.0.1:${p};`).join(" ")} }
  server {
    listen ${PROXY_ADDRESS}:${port};
    location / {
      proxy_pass http://lotse;
      proxy_bind ${PROXY_ADDRESS};
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`,
  );
  const child: ChildProcess = spawn("nginx", ["-p", dir, "-c", join(dir, "nginx.conf"), "-e", join(dir, "error.log")], { stdio: "inherit" });
  const log = () => {
    try {
      return readFileSync(join(dir, "error.log"), "utf8");
    } catch {
      return "";
    }
  };
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`nginx exited (${code}): ${log()}`)));
    // nginx prints nothing when it is ready: it is once the port answers.
    setTimeout(() => resolve({ url: `http://${PROXY_ADDRESS}:${port}`, stop: () => child.kill("SIGTERM"), log }), 500);
  });
}
