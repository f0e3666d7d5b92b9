// A skipped or failed file's reason, kept in its file-state row (the `error` column) as
// JSON of code + params + sentence, so the next pass can report it again without reading
// the file, and can tell a failure worth retrying from one that waits for a change.
// Rows written before codes existed hold a bare sentence: they are read as a failure to
// retry, as they always were.
import { IssueCodeSchema, IssueParamsSchema, type FileIssue } from '../api/file-issues.js';
import { z } from 'zod';

const StoredSchema = z.object({ code: IssueCodeSchema, params: IssueParamsSchema.optional(), reason: z.string() });

export function encodeIssue(issue: FileIssue): string {
  return JSON.stringify({ code: issue.code ?? 'parse-error', params: issue.params, reason: issue.reason });
}

/** The stored issue of a row, or undefined for a legacy sentence (or none). */
export function decodeIssue(path: string, error: string): FileIssue | undefined {
  if (!error.startsWith('{')) return undefined;
  try {
    const parsed = StoredSchema.safeParse(JSON.parse(error));
    if (!parsed.success) return undefined;
    return { path, reason: parsed.data.reason, code: parsed.data.code, ...(parsed.data.params ? { params: parsed.data.params } : {}) };
  } catch {
    return undefined; // not JSON after all: a legacy sentence that began with a brace
  }
}
