import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { generateSm2KeyPair, signSm2, verifySm2 } from '../../platform/crypto/index.js'

/** The chain's end at one moment, signed: kept outside the database so cutting the tail is detectable. */
export type ChainAnchor = { seq: number; hash: string; at: string; publicKeyPem: string; signature: string }

function anchorMessage(anchor: Pick<ChainAnchor, 'seq' | 'hash' | 'at'>): string {
  return `tongban-audit-anchor|${anchor.seq}|${anchor.hash}|${anchor.at}`
}

/**
 * Anchors live in `<dir>/anchors.jsonl`, signed with an SM2 key kept in `<dir>/anchor-key.pem` (mode 0600). Anyone
 * can check an anchor's signature with its public key (openssl pkeyutl -verify … -pkeyopt distid:1234567812345678).
 */
export function createAnchorStore(dir: string) {
  const anchorsFile = path.join(dir, 'anchors.jsonl')
  const keyFile = path.join(dir, 'anchor-key.pem')

  function loadKeys(): { privateKeyPem: string; publicKeyPem: string } {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    if (!existsSync(keyFile)) {
      const pair = generateSm2KeyPair()
      writeFileSync(keyFile, `${pair.privateKeyPem}${pair.publicKeyPem}`, { mode: 0o600 })
      chmodSync(keyFile, 0o600)
    }
    const text = readFileSync(keyFile, 'utf8')
    const privateKeyPem = text.slice(0, text.indexOf('-----END PRIVATE KEY-----') + '-----END PRIVATE KEY-----'.length)
    const publicKeyPem = text.slice(text.indexOf('-----BEGIN PUBLIC KEY-----'))
    return { privateKeyPem: `${privateKeyPem.trim()}\n`, publicKeyPem: `${publicKeyPem.trim()}\n` }
  }

  /** Signs and appends an anchor for the chain's current end. */
  function writeAnchor(head: { seq: number; hash: string }, at = new Date()): ChainAnchor {
    const keys = loadKeys()
    const body = { seq: head.seq, hash: head.hash, at: at.toISOString() }
    const signature = signSm2(keys.privateKeyPem, anchorMessage(body)).toString('base64')
    const anchor = { ...body, publicKeyPem: keys.publicKeyPem, signature }
    appendFileSync(anchorsFile, `${JSON.stringify(anchor)}\n`, { mode: 0o600 })
    return anchor
  }

  /** The newest anchor signed by this store's own key; forged or damaged lines are skipped. */
  function findLatestAnchor(): ChainAnchor | undefined {
    if (!existsSync(anchorsFile) || !existsSync(keyFile)) return undefined
    const { publicKeyPem } = loadKeys()
    const lines = readFileSync(anchorsFile, 'utf8').split('\n').filter(Boolean)
    for (const line of lines.reverse()) {
      try {
        const anchor = JSON.parse(line) as ChainAnchor
        // Checked against our own key, not the one in the line: a forger can sign with a key of their own.
        if (verifySm2(publicKeyPem, anchorMessage(anchor), Buffer.from(anchor.signature, 'base64'))) return anchor
      } catch {
        // A damaged line is not an anchor.
      }
    }
    return undefined
  }

  /** Writes the day's verification report (with the signed anchor) to `<dir>/reports/YYYY-MM-DD.json`. */
  function writeReport(at: Date, report: object): string {
    const reportsDir = path.join(dir, 'reports')
    mkdirSync(reportsDir, { recursive: true, mode: 0o700 })
    const file = path.join(reportsDir, `${at.toISOString().slice(0, 10)}.json`)
    writeFileSync(
      file,
      `${JSON.stringify({ at: at.toISOString(), ...report, anchor: findLatestAnchor() ?? null }, null, 2)}\n`,
    )
    return file
  }

  return { writeAnchor, findLatestAnchor, writeReport, anchorsFile }
}

export type AnchorStore = ReturnType<typeof createAnchorStore>
