import type { Queryable } from '../db/index.js'

// What a backup reads from PostgreSQL's own catalog: every schema that is not the system's, its tables and
// sequences, and the foreign keys between them. The same queries run on PGlite.

export type TableRef = { schema: string; name: string }

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

export function qualifiedName(table: TableRef): string {
  return `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`
}

const USER_SCHEMA = `n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'`
// Objects an extension created (pg_trgm's functions, for instance) come back with the extension, not from a backup.
const NOT_FROM_EXTENSION = `NOT EXISTS (SELECT 1 FROM pg_depend d
  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`

/** Every ordinary table outside the system schemas (partitioned tables as their parent only). */
export async function listTables(db: Queryable): Promise<Array<TableRef & { oid: string }>> {
  const { rows } = await db.query<{ schema: string; name: string; oid: string }>(
    `SELECT n.nspname AS schema, c.relname AS name, c.oid::text AS oid
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${USER_SCHEMA} AND ${NOT_FROM_EXTENSION}
     ORDER BY n.nspname, c.relname`,
  )
  return rows
}

export async function listSequences(db: Queryable): Promise<TableRef[]> {
  const { rows } = await db.query<TableRef>(
    `SELECT n.nspname AS schema, c.relname AS name
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'S' AND ${USER_SCHEMA} AND ${NOT_FROM_EXTENSION}
     ORDER BY n.nspname, c.relname`,
  )
  return rows
}

/** Non-system schemas, `public` included. */
export async function listSchemas(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT n.nspname AS name FROM pg_namespace n WHERE ${USER_SCHEMA} ORDER BY n.nspname`,
  )
  return rows.map((row) => row.name)
}

export type ForeignKey = TableRef & { constraint: string; definition: string }

/** Foreign keys whose table is outside the system schemas, with the SQL that re-creates each. */
export async function listForeignKeys(db: Queryable): Promise<Array<ForeignKey & { from: string; to: string }>> {
  const { rows } = await db.query<ForeignKey & { from: string; to: string }>(
    `SELECT n.nspname AS schema, c.relname AS name, k.conname AS constraint, pg_get_constraintdef(k.oid) AS definition,
            k.conrelid::text AS "from", k.confrelid::text AS "to"
     FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE k.contype = 'f' AND ${USER_SCHEMA}
     ORDER BY n.nspname, c.relname, k.conname`,
  )
  return rows
}

/** Orders tables so each comes after the tables it references (self-references and cycles are tolerated). */
export function orderByDependencies<T extends { oid: string }>(
  tables: T[],
  edges: Array<{ from: string; to: string }>,
): T[] {
  const byOid = new Map(tables.map((table) => [table.oid, table]))
  const ordered: T[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (table: T) => {
    if (state.has(table.oid)) return
    state.set(table.oid, 'visiting')
    for (const edge of edges) {
      const target = edge.from === table.oid && edge.to !== table.oid ? byOid.get(edge.to) : undefined
      if (target) visit(target)
    }
    state.set(table.oid, 'done')
    ordered.push(table)
  }
  for (const table of tables) visit(table)
  return ordered
}

/** Primary-key columns in key order (empty when the table has none). */
export async function primaryKeyColumns(db: Queryable, table: TableRef): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT a.attname AS name
     FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
     WHERE i.indrelid = $1::regclass AND i.indisprimary
     ORDER BY array_position(i.indkey::int2[], a.attnum)`,
    [qualifiedName(table)],
  )
  return rows.map((row) => row.name)
}

/** Columns a restore may write: not dropped, not generated. */
export async function insertableColumns(db: Queryable, table: TableRef): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute
     WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
     ORDER BY attnum`,
    [qualifiedName(table)],
  )
  return rows.map((row) => row.name)
}
