/** Problems in one workflow's text, as `file:line:col: message [kind]` lines (empty: clean). */
export function lintWorkflow(text: string, path: string): Promise<string[]>;
