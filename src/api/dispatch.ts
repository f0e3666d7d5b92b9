// The shared adapter step: validate a raw request against the contract, call the service,
// and strip the response to the contract's shape, so a transport never sends a field the
// contract does not name (a token, a path) even if the core adds one.
import { calls, type CallName, type ParsedRequest, type SiftApi } from './contract.js';
import { SiftError } from './errors.js';
import { detailOfIssue } from './issue-detail.js';

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}

export function parseRequest<N extends CallName>(name: N, raw: unknown): ParsedRequest<N> {
  const result = calls[name].request.safeParse(raw ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    // The contract's own messages are sentences for people ("Type something to search
    // for."): shown as they are. zod's generic ones ("Invalid input: expected string")
    // need the field's name to make sense, for the programs that get them.
    const sentence = issue?.message.endsWith('.') ?? false;
    const where = issue?.path.length && !sentence ? `${issue.path.join('.')}: ` : '';
    throw new SiftError('invalid_request', `${where}${issue?.message ?? 'Invalid request.'}`, issue ? { detail: detailOfIssue(issue) } : undefined);
  }
  return result.data as ParsedRequest<N>;
}

export async function dispatch(api: SiftApi, name: string, raw: unknown): Promise<unknown> {
  if (!isCallName(name)) throw new SiftError('not_found', `Unknown call "${name}".`);
  const request = parseRequest(name, raw);
  const method = api[name] as (request: unknown) => Promise<unknown>;
  const response = await method.call(api, request);
  const shaped = calls[name].response.safeParse(response);
  if (!shaped.success) {
    const issue = shaped.error.issues[0];
    throw new SiftError('internal', `The ${name} response does not match the contract (${issue?.path.join('.') ?? ''}: ${issue?.message}).`);
  }
  return shaped.data;
}
