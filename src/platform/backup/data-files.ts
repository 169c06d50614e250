import { existsSync, lstatSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { backupErrors } from './backup-errors.js'

/** What in the data directory a backup never copies, relative to the data directory. */
export const ALWAYS_EXCLUDED = [
  // The embedded database's own files: a backup dumps the database logically inside one transaction instead.
  'pglite',
  // The lock of the running process.
  'tongban.lock',
]

function isInside(candidate: string, parent: string): boolean {
  const relative = path.relative(parent, candidate)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/**
 * The regular files of `dataDir` a backup copies, as `/`-separated paths relative to it, sorted. Skips the
 * embedded database, the lock, every path in `exclude` (the master key file, the backup being written) and
 * symbolic links.
 */
export function listDataFiles(dataDir: string, exclude: string[]): string[] {
  if (!existsSync(dataDir)) return []
  const excluded = [...ALWAYS_EXCLUDED.map((name) => path.join(dataDir, name)), ...exclude].map((item) =>
    path.resolve(item),
  )
  const found: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (excluded.some((item) => isInside(full, item))) continue
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile()) found.push(path.relative(dataDir, full).split(path.sep).join('/'))
    }
  }
  walk(path.resolve(dataDir))
  return found.sort()
}

/**
 * The absolute target of a data file named in a manifest; refuses anything that would land outside the data
 * directory (an absolute path, `..`, a backslash) even though the manifest is authenticated.
 */
export function resolveDataFile(dataDir: string, relative: string): string {
  const parts = relative.split('/')
  if (
    relative === '' ||
    relative.includes('\\') ||
    parts.some((part) => part === '' || part === '.' || part === '..')
  ) {
    throw backupErrors.manifestInvalid(`数据文件路径不合法：${relative}`)
  }
  const target = path.resolve(dataDir, ...parts)
  if (!isInside(target, path.resolve(dataDir))) throw backupErrors.manifestInvalid(`数据文件路径不合法：${relative}`)
  return target
}

/** True when `file` exists and is not a regular file we may compare. */
export function isNonRegular(file: string): boolean {
  return existsSync(file) && !lstatSync(file).isFile()
}
