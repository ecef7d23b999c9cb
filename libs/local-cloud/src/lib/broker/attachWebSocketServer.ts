import type { IncomingMessage } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import type { Client } from 'aedes';
import { createWebSocketStream, WebSocketServer, type WebSocket } from 'ws';
import type { CloudContext } from '../context/CloudContext.js';
import type { CredentialRecord } from '../context/CredentialStore.js';
import type { Logger } from '../context/Logger.js';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { verifyPresignedUrl } from '../sigv4/verifyPresignedUrl.js';

/** What a verified WebSocket connection brings to the broker. */
export interface WebSocketFacts {
  readonly ipAddress: string | undefined;
  readonly credential: CredentialRecord;
}

/** What {@link attachWebSocketServer} works with. */
export interface WebSocketDependencies {
  readonly ctx: Pick<CloudContext, 'credentials' | 'region' | 'clock'>;
  readonly logger: Logger;
  /** Hands the MQTT stream of an accepted WebSocket to the broker. */
  readonly accept: (stream: Duplex, facts: WebSocketFacts, request: IncomingMessage) => Client;
  /** Called when the client sent a WebSocket Close frame (a client-initiated disconnect). */
  readonly clientInitiatedClose: (client: Client) => void;
  /** Called when an attached server closes, before its sockets are destroyed. */
  readonly beforeServerClose: () => void;
}

/** MQTT over WebSocket for the servers it is attached to. */
export interface WebSocketAttachment {
  attach(server: HttpsServer, path: string): void;
  /** Destroys every WebSocket connection it accepted. */
  close(): void;
}

// RFC 6455 section 7.4.1: 1006 means the connection dropped without a Close frame.
const ABNORMAL_CLOSURE = 1006;

function reject(socket: Duplex, status: 401 | 403 | 404, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function normalizeIp(address: string | undefined): string | undefined {
  return address?.startsWith('::ffff:') === true ? address.slice('::ffff:'.length) : address;
}

/**
 * MQTT over WebSocket as AWS IoT serves it at `wss://<endpoint>/mqtt` (AWS IoT Developer Guide,
 * "MQTT over the WebSocket protocol"): the upgrade request's URL must be a SigV4 presigned URL for
 * service `iotdevicegateway`, verified before the upgrade is accepted (401, or 403 for known but
 * refused credentials); the connection then acts as the credential's identity. The `mqtt`
 * subprotocol is selected when offered.
 */
export function attachWebSocketServer(deps: WebSocketDependencies): WebSocketAttachment {
  const { ctx, logger } = deps;
  const sockets = new Set<Duplex>();
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has('mqtt') ? 'mqtt' : false),
  });

  const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const ipAddress = normalizeIp(request.socket.remoteAddress);
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', (error) => logger.debug('wss.socket_error', { ipAddress, error }));
    verifyPresignedUrl(request.url ?? '/', {
      host: request.headers.host ?? '',
      credentials: ctx.credentials,
      service: 'iotdevicegateway',
      region: ctx.region,
      now: ctx.clock.now(),
    }).then(
      (credential) => {
        if (socket.destroyed) {
          return;
        }
        wss.handleUpgrade(request, socket, head, (ws: WebSocket) => {
          const stream = createWebSocketStream(ws);
          const client = deps.accept(stream, { ipAddress, credential }, request);
          ws.on('close', (code) => {
            if (code !== ABNORMAL_CLOSURE) {
              deps.clientInitiatedClose(client);
            }
          });
        });
      },
      (error: unknown) => {
        const forbidden = error instanceof LocalCloudError && error.code === 'FORBIDDEN';
        logger.warn('wss.upgrade_refused', {
          ipAddress,
          status: forbidden ? 403 : 401,
          detail: error instanceof Error ? error.message : String(error),
        });
        reject(socket, forbidden ? 403 : 401, forbidden ? 'Forbidden' : 'Unauthorized');
      },
    );
  };

  const destroyAll = (): void => {
    for (const socket of sockets) {
      socket.destroy();
    }
  };

  return {
    attach(server, path) {
      server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
        const target = request.url ?? '/';
        const query = target.indexOf('?');
        if ((query === -1 ? target : target.slice(0, query)) !== path) {
          reject(socket, 404, 'Not Found');
          return;
        }
        upgrade(request, socket, head);
      });
      // An HTTP server's close() waits for upgraded sockets too: end the MQTT connections first so
      // that closing the data plane resolves.
      const closeServer = server.close.bind(server);
      server.close = (callback?: (error?: Error) => void) => {
        deps.beforeServerClose();
        destroyAll();
        return closeServer(callback);
      };
    },
    close() {
      destroyAll();
      wss.close();
    },
  };
}
