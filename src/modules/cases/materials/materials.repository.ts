import type { Queryable } from '../../../platform/db/index.js'

/** A row of cases.materials. */
export type MaterialRow = {
  id: string
  case_id: string
  material_code: string
  material_name: string
  file_name_cipher: string
  detected_kind: 'pdf' | 'jpg' | 'png' | 'ofd'
  size_bytes: string | number
  sm3_digest: string
  storage_key: string
  uploaded_by: string
  uploaded_at: Date
  superseded: boolean
  replaced_by: string | null
}

const COLUMNS = `id, case_id, material_code, material_name, file_name_cipher, detected_kind, size_bytes, sm3_digest,
  storage_key, uploaded_by, uploaded_at, superseded, replaced_by`

export type NewMaterial = Omit<MaterialRow, 'uploaded_at' | 'superseded' | 'replaced_by'> & { uploaded_at: Date }

export async function insertMaterial(tx: Queryable, row: NewMaterial): Promise<MaterialRow> {
  const { rows } = await tx.query<MaterialRow>(
    `INSERT INTO cases.materials (id, case_id, material_code, material_name, file_name_cipher, detected_kind,
       size_bytes, sm3_digest, storage_key, uploaded_by, uploaded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
    [
      row.id,
      row.case_id,
      row.material_code,
      row.material_name,
      row.file_name_cipher,
      row.detected_kind,
      row.size_bytes,
      row.sm3_digest,
      row.storage_key,
      row.uploaded_by,
      row.uploaded_at,
    ],
  )
  return rows[0] as MaterialRow
}

export async function listMaterials(q: Queryable, caseId: string): Promise<MaterialRow[]> {
  const { rows } = await q.query<MaterialRow>(
    `SELECT ${COLUMNS} FROM cases.materials WHERE case_id = $1 ORDER BY uploaded_at, id`,
    [caseId],
  )
  return rows
}

export async function findMaterial(q: Queryable, caseId: string, id: string): Promise<MaterialRow | undefined> {
  const { rows } = await q.query<MaterialRow>(`SELECT ${COLUMNS} FROM cases.materials WHERE case_id = $1 AND id = $2`, [
    caseId,
    id,
  ])
  return rows[0]
}

/** Bytes the case holds in the store, every stored version counted (superseded files are kept). */
export async function sumCaseBytes(q: Queryable, caseId: string): Promise<number> {
  const { rows } = await q.query<{ total: string | number | null }>(
    'SELECT coalesce(sum(size_bytes), 0) AS total FROM cases.materials WHERE case_id = $1',
    [caseId],
  )
  return Number(rows[0]?.total ?? 0)
}

/** Marks a current material superseded; false when it already was (someone else got there first). */
export async function supersedeMaterial(
  tx: Queryable,
  id: string,
  by: string,
  replacedBy: string | null,
  now: Date,
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE cases.materials SET superseded = true, superseded_at = $3, superseded_by = $2, replaced_by = $4
      WHERE id = $1 AND NOT superseded`,
    [id, by, now, replacedBy],
  )
  return rowCount === 1
}

export async function deleteMaterial(tx: Queryable, id: string): Promise<void> {
  await tx.query('UPDATE cases.materials SET replaced_by = NULL WHERE replaced_by = $1', [id])
  await tx.query('DELETE FROM cases.materials WHERE id = $1', [id])
}

/** Which of `keys` no row refers to. */
export async function findUnreferencedKeys(q: Queryable, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return []
  const { rows } = await q.query<{ storage_key: string }>(
    'SELECT storage_key FROM cases.materials WHERE storage_key = ANY($1::text[])',
    [keys],
  )
  const referenced = new Set(rows.map((row) => row.storage_key))
  return keys.filter((key) => !referenced.has(key))
}
