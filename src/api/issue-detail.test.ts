// Requests and settings refused by the contract carry a detail the UI can word.
import { describe, expect, it } from 'vitest';
import { MAX_QUERY_CHARS } from './contract.js';
import { parseRequest } from './dispatch.js';
import { SiftError } from './errors.js';

function refusal(name: Parameters<typeof parseRequest>[0], raw: unknown): SiftError {
  try {
    parseRequest(name, raw);
  } catch (error) {
    expect(error).toBeInstanceOf(SiftError);
    return error as SiftError;
  }
  throw new Error('accepted');
}

describe('detailOfIssue', () => {
  it.each([
    ['search', { query: 'x'.repeat(MAX_QUERY_CHARS + 1) }, { key: 'queryTooLong', params: { max: MAX_QUERY_CHARS } }],
    ['search', { query: '   ' }, { key: 'queryEmpty' }],
    ['search', { query: 'a', limit: 500 }, { key: 'fieldTooLarge', params: { field: 'limit', max: 200 } }],
    ['search', { query: 'a', limit: 0 }, { key: 'fieldTooSmall', params: { field: 'limit', min: 1 } }],
    ['search', { query: 'a', limit: 'ten' }, { key: 'fieldInvalid', params: { field: 'limit' } }],
  ] as const)('%s %j', (name, raw, detail) => {
    const error = refusal(name, raw);
    expect(error.code).toBe('invalid_request');
    expect(error.detail).toMatchObject(detail);
  });
});
