import { describe, expect, it } from 'vitest';
import type { SiftApi } from './contract.js';
import { dispatch } from './dispatch.js';
import { SiftError } from './errors.js';

const calls: string[] = [];
const api = {
  search: async (request: unknown) => {
    calls.push(JSON.stringify(request));
    // A field the contract does not name, as a careless core might add.
    return { hits: [], hasMore: false, mode: 'hybrid', tookMs: 0, token: 'sk-secret' };
  },
  listFolders: async () => [{ path: 42 }],
} as unknown as SiftApi;

describe('dispatch', () => {
  it.each([
    { name: 'an empty query', request: { query: '   ' }, message: 'query: Type something to search for.' },
    { name: 'a 10,000-character query', request: { query: 'x'.repeat(10_000) }, message: 'query: A query can be at most 2000 characters.' },
    { name: 'a wrong type', request: { query: 42 }, message: /query: / },
  ])('rejects $name with a readable message', async ({ request, message }) => {
    const error = await dispatch(api, 'search', request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SiftError);
    expect((error as SiftError).code).toBe('invalid_request');
    expect((error as SiftError).message).toMatch(message);
  });

  it('rejects unknown calls', async () => {
    await expect(dispatch(api, 'dropTables', {})).rejects.toMatchObject({ code: 'not_found' });
  });

  it('passes parsed requests with defaults applied', async () => {
    await dispatch(api, 'search', { query: '  hello ' });
    expect(JSON.parse(calls.at(-1)!)).toMatchObject({ query: 'hello', limit: 20 });
  });

  it('strips a response to the contract, so no unnamed field leaves the core', async () => {
    const response = await dispatch(api, 'search', { query: 'hello' });
    expect(response).toEqual({ hits: [], hasMore: false, mode: 'hybrid', tookMs: 0 });
  });

  it('reports a response that breaks the contract as an internal error', async () => {
    await expect(dispatch(api, 'listFolders', {})).rejects.toMatchObject({ code: 'internal', message: /listFolders response does not match/ });
  });
});
