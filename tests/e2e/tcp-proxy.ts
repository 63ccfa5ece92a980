import { createServer, connect, type Server, type Socket } from "node:net";

/**
 * A TCP relay between the app and PostgreSQL that a test can cut and restore, so that the
 * database "goes away" for one app without touching the server others use.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** Listens (again, on the same port after `cut`). */
  async open(): Promise<void> {
    const server = createServer((incoming) => {
      const outgoing = connect(this.targetPort, this.targetHost);
      for (const socket of [incoming, outgoing]) {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
        // A reset on one side ends both; the app sees its connection close.
        socket.on("error", () => undefined);
      }
      incoming.pipe(outgoing);
      outgoing.pipe(incoming);
      incoming.on("close", () => outgoing.destroy());
      outgoing.on("close", () => incoming.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Stops listening and drops every connection: new connections are refused, open ones end. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
