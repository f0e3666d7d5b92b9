// SQL filter text for LanceDB queries: quoted literals and IN lists, with the slice size
// that keeps an IN list short enough for LanceDB's filter parser.

/** SQL string literal for LanceDB filters. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** LanceDB filters get long; look keys up in slices. */
export const IN_LIST_SLICE = 500;

export function inList(column: string, values: string[]): string {
  return `${column} IN (${values.map(sqlString).join(', ')})`;
}
