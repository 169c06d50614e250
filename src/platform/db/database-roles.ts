import pg from 'pg'

/** The two roles of a production PostgreSQL: the owner runs migrations, the application only reads and writes rows. */
export type DatabaseRoles = {
  owner: { name: string; password: string }
  app: { name: string; password: string }
}

const SYSTEM_SCHEMAS = "nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'"

/**
 * Creates (or updates) the owner and application roles and gives the owner every schema, table, sequence and function
 * of the database `adminUrl` points at; the application role gets USAGE on the schemas and plain row access (SELECT,
 * INSERT, UPDATE, DELETE, never TRUNCATE, TRIGGER or REFERENCES) on the tables, now and for tables the owner creates
 * later. `restrictions` then narrow that for tables that need it (SQL run as the administrator, with
 * `:app`/`:owner` replaced by the quoted role names). Idempotent: run it again after every upgrade.
 */
export async function setUpDatabaseRoles(adminUrl: string, roles: DatabaseRoles, restrictions: readonly string[] = []) {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    const owner = client.escapeIdentifier(roles.owner.name)
    const app = client.escapeIdentifier(roles.app.name)
    const { rows: dbRows } = await client.query<{ db: string }>('SELECT current_database() AS db')
    const database = client.escapeIdentifier(dbRows[0]?.db as string)
    await client.query('BEGIN')
    // Roles are cluster-wide: a concurrent setup on another database of the same cluster waits here.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('tongban.setup-roles'))")
    for (const role of [roles.owner, roles.app]) {
      const name = client.escapeIdentifier(role.name)
      const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name])
      const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(role.password)}`
      await client.query(exists.rowCount ? `ALTER ROLE ${name} ${attributes}` : `CREATE ROLE ${name} ${attributes}`)
    }
    await client.query(`GRANT CONNECT, CREATE, TEMPORARY ON DATABASE ${database} TO ${owner}`)
    await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${database} TO ${app}`)
    await client.query(`REVOKE CREATE ON DATABASE ${database} FROM ${app}`)
    const { rows: schemas } = await client.query<{ nspname: string }>(
      `SELECT nspname FROM pg_namespace WHERE ${SYSTEM_SCHEMAS} AND nspname <> 'public' ORDER BY nspname`,
    )
    for (const { nspname } of schemas) {
      const schema = client.escapeIdentifier(nspname)
      await client.query(`ALTER SCHEMA ${schema} OWNER TO ${owner}`)
      const { rows: objects } = await client.query<{ statement: string }>(
        `SELECT format('ALTER %s %s OWNER TO %s', kind, object, $2::text) AS statement FROM (
           SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                  ELSE 'TABLE' END AS kind, format('%I.%I', n.nspname, c.relname) AS object
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))
           UNION ALL
           SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
                  format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
           FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1
         ) objects`,
        [nspname, owner],
      )
      for (const { statement } of objects) await client.query(statement)
      await client.query(`REVOKE ALL ON SCHEMA ${schema} FROM PUBLIC`)
      await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${app}`)
      await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM ${app}`)
      await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${app}`)
      await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${app}`)
      await client.query(
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
      )
      await client.query(
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${app}`,
      )
    }
    for (const sql of restrictions) {
      await client.query(sql.replaceAll(':app', app).replaceAll(':owner', owner))
    }
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    await client.end()
  }
}
