// A zod validation issue (a request or a setting out of bounds) as a detail the UI words in
// the person's language: the field's name stays as the contract spells it, the bound and
// the kind of problem become a key. The English sentence stays the error's message.
import type { z } from 'zod';
import type { CoreErrorDetail } from './errors.js';

type Issue = z.core.$ZodIssue;

export function detailOfIssue(issue: Issue): CoreErrorDetail {
  const field = issue.path.map(String).join('.');
  if (field === 'query' && issue.code === 'too_small') return { key: 'queryEmpty' };
  if (field === 'query' && issue.code === 'too_big') return { key: 'queryTooLong', params: { max: Number(issue.maximum) } };
  if (issue.code === 'too_big') {
    const max = Number(issue.maximum);
    return issue.origin === 'string' || issue.origin === 'array' ? { key: 'fieldTooLong', params: { field, max } } : { key: 'fieldTooLarge', params: { field, max } };
  }
  if (issue.code === 'too_small') {
    const min = Number(issue.minimum);
    if ((issue.origin === 'string' || issue.origin === 'array') && min <= 1) return { key: 'fieldRequired', params: { field } };
    return { key: 'fieldTooSmall', params: { field, min } };
  }
  return { key: 'fieldInvalid', params: { field, message: issue.message } };
}
