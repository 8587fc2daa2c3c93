/**
 * The live socket, kept out of the store (STYLE 9): bindServerEvents sets it, commands use it.
 */
import type { ClientSocket } from '@qms/shared/client';

let current: ClientSocket | null = null;

export function setSocket(socket: ClientSocket | null): void {
  current = socket;
}

export function getSocket(): ClientSocket | null {
  return current;
}
