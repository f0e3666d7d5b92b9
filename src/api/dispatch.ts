// The shared adapter step: validate a raw request against the contract, call the service,
// validate nothing on the way out (the core is trusted) but strip to the schema's shape.
import { calls, type CallName, type ParsedRequest, type SiftApi } from './contract.js';
import { SiftError } from './errors.js';

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}

export function parseRequest<N extends CallName>(name: N, raw: unknown): ParsedRequest<N> {
  const result = calls[name].request.safeParse(raw ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new SiftError('invalid_request', `${where}${issue?.message ?? 'Invalid request.'}`);
  }
  return result.data as ParsedRequest<N>;
}

export async function dispatch(api: SiftApi, name: string, raw: unknown): Promise<unknown> {
  if (!isCallName(name)) throw new SiftError('not_found', `Unknown call "${name}".`);
  const request = parseRequest(name, raw);
  const method = api[name] as (request: unknown) => Promise<unknown>;
  return method.call(api, request);
}
