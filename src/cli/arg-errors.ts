// Node's argument parser words its refusals for programmers ("To specify a positional
// argument starting with a '-', place it at the end of the command after '--', as in
// '-- "--bogus"", quotes unbalanced). A person reads one plain line instead, and a search
// whose query starts with a -word ("-draft invoices") reaches the search as its query.

/** The line a person reads for a refusal of node's parseArgs; the error's own message
 *  for anything else. With `argv` the whole argument is named ("-GPL", where the parser
 *  says "-G"); for `search`, the way to pass a query that starts with "-" is added. */
export function argErrorMessage(error: unknown, command?: string, argv: readonly string[] = []): string {
  const { code, message } = error as { code?: string; message?: string };
  const text = String(message ?? error);
  const option = /'([^' ]+)/.exec(text)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const arg = (option && argv.find((a) => a === option || (!option.startsWith('--') && a.startsWith(option)))) ?? option;
      return command === 'search' && !arg?.startsWith('--')
        ? `Unknown option "${arg}". A query that starts with "-" goes last, after --: sift search -- "${arg}"`
        : `Unknown option "${arg}".`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      // "Option '--limit <value>' argument missing", or "argument is ambiguous" (a value
      // that starts with "-").
      return /missing/.test(text)
        ? `${option} needs a value.`
        : `${option} needs a value; one that starts with "-" is written ${option}=-value.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Unexpected argument ${/'([^']*)'/.exec(text)?.[0] ?? ''}.`.replace(' .', '.');
    default:
      return text;
  }
}

/** Arguments that start with "-" but hold a space ("-draft invoices") are never options:
 *  they are moved after a `--`, where the parser takes them as they are (the query). */
export function queriesAfterDashes(argv: readonly string[]): string[] {
  if (argv.includes('--')) return [...argv];
  const query = (arg: string) => arg.length > 1 && arg.startsWith('-') && /\s/.test(arg);
  const moved = argv.filter(query);
  return moved.length === 0 ? [...argv] : [...argv.filter((arg) => !query(arg)), '--', ...moved];
}
