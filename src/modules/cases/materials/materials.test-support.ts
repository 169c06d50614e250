import { randomBytes, randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { buildMultipart } from '../../../test-support/multipart.js'
import { type Session, startTestApp, type TestApp } from '../../../test-support/test-app.js'
import { insertCase } from '../cases.repository.js'

/*
 * Test builders for the materials routes: a real Tongban with the demo county and catalog, cases inserted through
 * the cases repository, and helpers that look at the file store and the table for leftovers.
 */

export const FOOD_LICENCE = '食品经营许可证核发'

/** startTestApp with the demo catalog, keeping the master key (tests open the file store with it). */
export async function startMaterialsApp(env: Record<string, string> = {}): Promise<TestApp & { masterKey: Buffer }> {
  const masterKey = randomBytes(32)
  const app = await startTestApp({ seedCatalog: true, env, masterKey })
  return Object.assign(app, { masterKey })
}

async function accountId(app: TestApp, loginName: string): Promise<string> {
  const { rows } = await app.db.query<{ id: string }>('SELECT id FROM identity.accounts WHERE login_name = $1', [
    loginName,
  ])
  if (!rows[0]) throw new Error(`no demo account ${loginName}`)
  return rows[0].id
}

/** A case of the food licence for `applicant` in `state`, accepted by the item's department. */
export async function givenCase(
  app: TestApp,
  { applicant, state = 'draft', filedBy }: { applicant: string; state?: string; filedBy?: string },
): Promise<{ caseId: string; materialCodes: string[] }> {
  const { rows } = await app.db.query<{ code: string; department_id: string; published_version: number }>(
    `SELECT i.code, i.department_id, i.published_version FROM catalog.items i
      WHERE i.published_version IS NOT NULL AND EXISTS (SELECT 1 FROM catalog.item_versions v
        WHERE v.item_code = i.code AND v.version = i.published_version AND v.name = $1)`,
    [FOOD_LICENCE],
  )
  const item = rows[0]
  if (!item) throw new Error('the demo catalog has no food licence')
  const version = await app.services.catalog.getItemVersion(item.code, item.published_version)
  const applicantId = await accountId(app, applicant)
  const filerId = filedBy ? await accountId(app, filedBy) : applicantId
  const id = randomUUID()
  const cipher = app.services.keyRing
  const bind = (column: string) => ({ table: 'cases.cases', column, rowId: id })
  await app.db.transaction((tx) =>
    insertCase(tx, {
      id,
      number: `320581-20261208-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
      itemCode: item.code,
      itemVersion: item.published_version,
      itemName: FOOD_LICENCE,
      departmentId: item.department_id,
      divisionCode: '320581',
      channel: filedBy ? 'window' : 'online',
      state,
      applicantKind: 'person',
      applicantAccountId: applicantId,
      applicantNameCipher: cipher.encrypt('孙晓梅', bind('applicant_name_cipher')),
      applicantNameIndex: cipher.blindIndex('孙晓梅'),
      applicantIdNumberCipher: cipher.encrypt('320581198503120424', bind('applicant_id_number_cipher')),
      applicantIdNumberIndex: cipher.blindIndex('320581198503120424'),
      applicantUscc: null,
      applicantPhoneCipher: null,
      applicantAddressCipher: null,
      filedByAccountId: filerId,
      authorizationNote: null,
      situationAnswers: {},
      formDataCipher: null,
      now: new Date(),
    }),
  )
  return { caseId: id, materialCodes: version.guide.materials.map((material) => material.id) }
}

/** Sets a case's state directly (the transitions are the core's; these tests only need the state). */
export async function givenState(app: TestApp, caseId: string, state: string): Promise<void> {
  await app.db.query(
    `UPDATE cases.cases SET state = $2, submitted_at = CASE WHEN $2 <> 'draft' THEN coalesce(submitted_at, now()) END
      WHERE id = $1`,
    [caseId, state],
  )
}

/** Uploads `content` as `fileName` for `materialCode`, like the browser's FormData. */
export function upload(session: Session, caseId: string, materialCode: string, fileName: string, content: Buffer) {
  const { payload, headers } = buildMultipart(fileName, content)
  return session.request({
    method: 'POST',
    url: `/api/cases/${caseId}/materials?materialCode=${encodeURIComponent(materialCode)}`,
    payload,
    headers,
  })
}

export async function countMaterialRows(app: TestApp, caseId?: string): Promise<number> {
  const { rows } = await app.db.query<{ count: number }>(
    caseId
      ? 'SELECT count(*)::int AS count FROM cases.materials WHERE case_id = $1'
      : 'SELECT count(*)::int AS count FROM cases.materials',
    caseId ? [caseId] : [],
  )
  return rows[0]?.count ?? 0
}

/** Every file under `directory`, recursively (the folder store, or the test S3 server's folder). */
export function listStoredFiles(directory: string): string[] {
  try {
    return readdirSync(directory, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name))
  } catch {
    return []
  }
}

/** Stored objects only: s3rver keeps each object as `<key>._S3rver_object` beside a metadata file. */
export function listStoredObjects(directory: string): string[] {
  return listStoredFiles(directory).filter(
    (file) => (!file.includes('._S3rver_') || file.endsWith('._S3rver_object')) && !file.includes(`${path.sep}.tmp`),
  )
}

export function readStored(file: string): Buffer {
  return readFileSync(file)
}
