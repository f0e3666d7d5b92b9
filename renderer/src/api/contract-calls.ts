// Every call of the contract, built from the one list of names (src/api/call-names.ts,
// dependency-free, the only value the renderer takes from src/), so a call added to the
// contract reaches both transports without editing them.
import { CALL_NAMES } from '../../../src/api/call-names.js';
import type { CallName, SiftApi } from '../../../src/api/contract.js';

export function contractCalls(invoke: (name: CallName, request: unknown) => Promise<unknown>): SiftApi {
  return Object.fromEntries(CALL_NAMES.map((name) => [name, (request: unknown) => invoke(name, request ?? {})])) as unknown as SiftApi;
}
