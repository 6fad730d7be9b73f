/** Close codes a peer may report but no endpoint may send (RFC 6455 §7.4.1): 1005 none given, 1006 dropped, 1015 TLS. */
const RESERVED = new Set([1004, 1005, 1006, 1015]);

/**
 * Completes the closing handshake for a socket the peer closed or dropped. Echoing a reserved
 * code throws, and a socket that is never closed stays in CLOSE-WAIT for good (one file
 * descriptor per dropped client, until the process runs out): seen in dev after 1,000 clients
 * vanished without a close frame.
 */
export function finishClose(ws: WebSocket, code: number, reason = "bye") {
  const echo = RESERVED.has(code) || code < 1000 || code > 4999 ? 1000 : code;
  try {
    ws.close(echo, reason);
  } catch {
    // Already closed from our side.
  }
}
