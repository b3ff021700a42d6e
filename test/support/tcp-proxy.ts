import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy in front of a server (Temporal, for the tests): it can hold what the client sends (the server never
 * hears the call) or what the server answers (the call happens, the client never learns it did), as a slow or
 * cut network would.
 */
export interface TcpProxy {
  address: string;
  hold(direction: 'requests' | 'replies'): void;
  release(): void;
  stop(): Promise<void>;
}

export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  const pairs = new Set<{ client: Socket; server: Socket }>();
  let held: 'requests' | 'replies' | null = null;
  const apply = (pair: { client: Socket; server: Socket }) => {
    // A paused socket is not read: its bytes wait in the kernel, and TCP backpressure holds the sender.
    if (held === 'requests') pair.client.pause();
    else pair.client.resume();
    if (held === 'replies') pair.server.pause();
    else pair.server.resume();
  };
  const proxy = createServer((client) => {
    const server = connect(port, host);
    const pair = { client, server };
    pairs.add(pair);
    // Forwarded by hand, not piped: a pipe resumes its source on drain, which would undo a hold.
    client.on('data', (chunk) => server.write(chunk));
    server.on('data', (chunk) => client.write(chunk));
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      server.destroy();
    };
    client.on('error', close).on('close', close);
    server.on('error', close).on('close', close);
    apply(pair);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
  return {
    address: `127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    hold(direction) {
      held = direction;
      pairs.forEach(apply);
    },
    release() {
      held = null;
      pairs.forEach(apply);
    },
    async stop() {
      for (const { client, server } of pairs) {
        client.destroy();
        server.destroy();
      }
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
