// Browser mode's sign-in, for the specs: the one-time link the server under test prints
// (its secret comes from SIFT_SESSION_SECRET, set by playwright.config.ts) and where the
// `sign-in` project leaves the signed-in browser state for the other specs.
import { join } from 'node:path';

export function signInPath(): string {
  const secret = process.env.SIFT_SESSION_SECRET;
  if (!secret) throw new Error('SIFT_SESSION_SECRET is not set: run through playwright.config.ts.');
  return `/?token=${encodeURIComponent(secret)}`;
}

export function signedInStatePath(): string {
  const root = process.env.SIFT_E2E_ROOT;
  if (!root) throw new Error('SIFT_E2E_ROOT is not set: run through playwright.config.ts.');
  return join(root, 'signed-in.json');
}
