import { preparePostgresTemplate, testEngine } from './test-db.js'

/** Vitest global setup: on PostgreSQL runs, migrate the template database every test file clones. */
export default async function setup(): Promise<void> {
  if (testEngine() === 'postgres') await preparePostgresTemplate()
}
