/** One column of a multi-row INSERT: its name, its PostgreSQL type, and its value in a row. */
export interface UnnestColumn<Row> {
  name: string;
  type: string;
  value: (row: Row) => unknown;
}

/**
 * Rows as `unnest($1::uuid[], $2::text[], …) AS u(id, kind, …)`: one array parameter per column, numbered from
 * `first`. An INSERT … SELECT from it writes any number of rows in one statement whose text does not change with
 * their number, so it is planned (and prepared) once.
 */
export function unnestRows<Row>(
  rows: readonly Row[],
  columns: readonly UnnestColumn<Row>[],
  first: number,
): { sql: string; params: unknown[] } {
  const arrays = columns.map((c, i) => `$${first + i}::${c.type}[]`).join(', ');
  return {
    sql: `unnest(${arrays}) AS u(${columns.map((c) => c.name).join(', ')})`,
    params: columns.map((c) => rows.map((row) => c.value(row))),
  };
}

/** The column names of an unnest, for the INSERT's list. */
export const columnNames = <Row>(columns: readonly UnnestColumn<Row>[]) => columns.map((c) => c.name).join(', ');
