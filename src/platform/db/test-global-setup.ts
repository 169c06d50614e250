import { rmSync } from 'node:fs'
import { preparePgliteTemplate, preparePostgresTemplate, testEngine } from './test-db.js'

/** Vitest global setup: migrate once the template database (or PGlite dump) every test file clones. */
export default async function setup(): Promise<() => void | Promise<void>> {
  if (testEngine() === 'postgres') {
    const template = await preparePostgresTemplate()
    process.env.TONGBAN_TEST_PG_TEMPLATE = template.name
    return () => template.drop()
  }
  const file = await preparePgliteTemplate()
  // Set before the test workers start, so they inherit it.
  process.env.TONGBAN_TEST_PGLITE_TEMPLATE = file
  return () => rmSync(file, { force: true })
}
