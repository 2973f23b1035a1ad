import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A claim whose answer the proxy kept from the worker: where it was written. */
export interface CutClaim {
  key: string;
  field: string;
  at: number;
}

/**
 * A TCP proxy in front of Redis that, when armed, lets the next claim of a send (`HSETNX` on a
 * page's steps) through to Redis, keeps Redis's answer from the client and cuts the connection:
 * the claim is written and the worker never hears so, as when Redis crashes between writing a
 * command and answering it. Every other byte passes untouched.
 */
export async function startClaimCutter(target: { host: string; port: number }) {
  let armed = 0;
  const cuts: CutClaim[] = [];
  const sockets = new Set<Socket>();

  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let cutting = false;
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk) => {
      if (cutting) return;
      upstream.write(chunk);
      if (armed === 0) return;
      const claim = /hsetnx\r\n\$\d+\r\n([^\r]*page-steps[^\r]*)\r\n\$\d+\r\n([^\r]+)\r\n/i.exec(chunk.toString('latin1'));
      if (!claim) return;
      armed -= 1;
      cutting = true;
      cuts.push({ key: claim[1]!, field: claim[2]!, at: Date.now() });
      // Redis has the command; give it time to run it, then cut before any answer is passed on.
      setTimeout(close, 100);
    });
    upstream.on('data', (chunk) => {
      if (!cutting) client.write(chunk);
    });
    for (const socket of [client, upstream]) {
      socket.on('error', close);
      socket.on('close', () => {
        sockets.delete(socket);
        close();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `redis://127.0.0.1:${port}`,
    cuts,
    /** Cuts the connection of the next claim that passes. */
    arm() {
      armed += 1;
    },
    get armed() {
      return armed;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
