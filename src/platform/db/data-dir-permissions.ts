import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs'
import path from 'node:path'

const GROUP_AND_OTHER = 0o077

/**
 * Makes the data directory private to the service account: creates it 0700, and takes group and other permissions
 * away from it and from everything already in it (an older version created it 0755 with files 0666; the embedded
 * database sets 0666 on its own files, so the directory's 0700 is what keeps those private). Symbolic links are
 * left alone. Returns how many entries outside the embedded database were tightened, and those it could not change.
 */
export function secureDataDir(dataDir: string): { tightened: number; notOwned: string[] } {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  let tightened = 0
  const notOwned: string[] = []
  // PGlite gives each new file of its own 0666 on every run; tightening those is routine, not news for the log.
  const embedded = `${path.join(dataDir, 'pglite')}${path.sep}`
  const visit = (entry: string) => {
    const stat = lstatSync(entry)
    if (stat.isSymbolicLink()) return
    if ((stat.mode & GROUP_AND_OTHER) !== 0) {
      try {
        chmodSync(entry, stat.mode & 0o700)
        if (!entry.startsWith(embedded)) tightened++
      } catch {
        // Not ours to change (another owner): the caller warns about it instead.
        notOwned.push(entry)
      }
    }
    if (stat.isDirectory()) for (const name of readdirSync(entry)) visit(path.join(entry, name))
  }
  visit(dataDir)
  return { tightened, notOwned }
}
