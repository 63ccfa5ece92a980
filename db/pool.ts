import { Pool, type PoolClient } from "pg";

type ConnectCallback = (error: Error | undefined, client: PoolClient | undefined, done: (release?: Error | boolean) => void) => void;

/**
 * A pg Pool that gives back a checked-out client as soon as its connection fails.
 *
 * drizzle-orm 0.45 sends a transaction's BEGIN before the try/finally that releases its
 * client (drizzle-team/drizzle-orm#6241): when the connection dies at that moment (the
 * server restarted, the embedded database's process killed), the client stays checked out
 * for good, and behind the embedded database's single connection every later request waits
 * forever. Here the failed connection goes back to the pool, which discards it, and the next
 * request gets a new one; the holder's own release afterwards does nothing.
 */
export class DiscardingPool extends Pool {
  override connect(): Promise<PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<PoolClient> | void {
    const guarded = super.connect().then(releaseOnFailure);
    if (!callback) return guarded;
    // pg's own pool.query() takes its clients through this callback form.
    guarded.then(
      // eslint-disable-next-line @typescript-eslint/unbound-method -- release is a per-client closure (pg-pool's _releaseOnce, or releaseOnce below), not a method using `this`
      (client) => callback(undefined, client, client.release),
      (error: Error) => callback(error, undefined, () => undefined),
    );
  }
}

function releaseOnFailure(client: PoolClient): PoolClient {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- pg-pool assigns release as a closure over its client (_releaseOnce); it uses no `this`
  const release = client.release;
  let released = false;
  const releaseOnce = (error?: Error | boolean) => {
    if (released) return;
    released = true;
    client.off("error", onError);
    release(error);
  };
  const onError = (error: Error) => releaseOnce(error);
  client.on("error", onError);
  client.release = releaseOnce;
  return client;
}
