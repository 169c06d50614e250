import { execFileSync, spawnSync } from 'node:child_process'
import { createHash, generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { invert } from '@noble/curves/abstract/modular.js'
import { afterAll, describe, expect, test } from 'vitest'
import {
  buildSm2KeyPairFromHex,
  convertSm2SignatureToDer,
  convertSm2SignatureToRaw,
  generateSm2KeyPair,
  getSm2PublicKeyHex,
  signSm2,
  verifySm2,
} from './index.js'
import { signSm2Digest } from './sm2.js'

const OPENSSL = '/usr/bin/openssl'
const workDir = mkdtempSync(path.join(tmpdir(), 'tongban-sm2-'))
afterAll(() => rmSync(workDir, { recursive: true, force: true }))

let fileCount = 0
function writeTemp(content: string | Uint8Array): string {
  const file = path.join(workDir, `f${fileCount++}`)
  writeFileSync(file, content)
  return file
}

function verifyWithOpenssl(publicKeyPem: string, message: string, signature: Uint8Array, distid = '1234567812345678') {
  const result = spawnSync(OPENSSL, [
    'pkeyutl',
    '-verify',
    '-in',
    writeTemp(message),
    '-rawin',
    '-digest',
    'sm3',
    '-pubin',
    '-inkey',
    writeTemp(publicKeyPem),
    '-sigfile',
    writeTemp(signature),
    '-pkeyopt',
    `distid:${distid}`,
  ])
  return `${result.stdout}${result.stderr}`
}

function signWithOpenssl(privateKeyPem: string, message: string, distid = '1234567812345678'): Buffer {
  const out = path.join(workDir, `sig${fileCount++}`)
  execFileSync(OPENSSL, [
    'pkeyutl',
    '-sign',
    '-in',
    writeTemp(message),
    '-rawin',
    '-digest',
    'sm3',
    '-inkey',
    writeTemp(privateKeyPem),
    '-out',
    out,
    '-pkeyopt',
    `distid:${distid}`,
  ])
  return readFileSync(out)
}

function givenOpensslKeyPair() {
  const privateKeyPem = execFileSync(OPENSSL, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2'], {
    encoding: 'utf8',
  })
  const publicKeyPem = execFileSync(OPENSSL, ['pkey', '-pubout', '-in', writeTemp(privateKeyPem)], { encoding: 'utf8' })
  return { privateKeyPem, publicKeyPem }
}

const application = '申请人：张三，事项编码 11000000000000000X'

describe('SM2 signatures against OpenSSL', () => {
  test('a signature made by Tongban is verified by openssl with the default user id', () => {
    const { privateKeyPem, publicKeyPem } = generateSm2KeyPair()

    const signature = signSm2(privateKeyPem, application)

    expect(verifyWithOpenssl(publicKeyPem, application, signature)).toContain('Signature Verified Successfully')
  })

  test('a signature made by openssl is verified by Tongban', () => {
    const { privateKeyPem, publicKeyPem } = givenOpensslKeyPair()

    const signature = signWithOpenssl(privateKeyPem, application)

    expect(verifySm2(publicKeyPem, application, signature)).toBe(true)
  })

  test('openssl signs with a key Tongban generated, and Tongban verifies it from the private key PEM', () => {
    const { privateKeyPem } = generateSm2KeyPair()

    const signature = signWithOpenssl(privateKeyPem, application)

    expect(verifySm2(privateKeyPem, application, signature)).toBe(true)
  })

  test('a custom user id interoperates with openssl, and a signature under another id verifies on neither side', () => {
    const { privateKeyPem, publicKeyPem } = givenOpensslKeyPair()

    const opensslSignature = signWithOpenssl(privateKeyPem, application, 'ALICE123@YAHOO.COM')
    const tongbanSignature = signSm2(privateKeyPem, application, { userId: 'ALICE123@YAHOO.COM' })

    expect(verifySm2(publicKeyPem, application, opensslSignature, { userId: 'ALICE123@YAHOO.COM' })).toBe(true)
    expect(verifySm2(publicKeyPem, application, opensslSignature)).toBe(false)
    expect(verifyWithOpenssl(publicKeyPem, application, tongbanSignature, 'ALICE123@YAHOO.COM')).toContain(
      'Signature Verified Successfully',
    )
    expect(verifyWithOpenssl(publicKeyPem, application, tongbanSignature)).not.toContain(
      'Signature Verified Successfully',
    )
  })
  test('a key used for many verifications keeps accepting its signatures and refusing others', () => {
    const { privateKeyPem, publicKeyPem } = givenOpensslKeyPair()
    const messages = ['受理通知书 1', '受理通知书 2', '受理通知书 3', '受理通知书 4']

    const signatures = messages.map((message) => signWithOpenssl(privateKeyPem, message))

    expect(messages.map((message, i) => verifySm2(publicKeyPem, message, signatures[i] as Buffer))).toEqual([
      true,
      true,
      true,
      true,
    ])
    expect(messages.map((message, i) => verifySm2(publicKeyPem, message, signatures[(i + 1) % 4] as Buffer))).toEqual([
      false,
      false,
      false,
      false,
    ])
  })
})

describe('SM2 signatures refused', () => {
  const { privateKeyPem, publicKeyPem } = generateSm2KeyPair()
  const signature = signSm2(privateKeyPem, application)

  test('a signature does not verify for a tampered message', () => {
    expect(verifySm2(publicKeyPem, `${application} `, signature)).toBe(false)
  })

  test('a signature with one flipped bit does not verify', () => {
    const tampered = Buffer.from(signature)
    tampered[10] = (tampered[10] as number) ^ 0x01

    expect(verifySm2(publicKeyPem, application, tampered)).toBe(false)
  })

  test('garbage, truncated or non-canonical signatures return false instead of throwing', () => {
    const raw = convertSm2SignatureToRaw(signature)
    const paddedR = Buffer.concat([
      Buffer.of(0x30, signature.length + 1, 0x02),
      Buffer.of((signature[3] as number) + 1, 0),
    ])
    const nonCanonical = Buffer.concat([paddedR, signature.subarray(4)])

    for (const bad of [Buffer.alloc(0), Buffer.from('not a signature'), signature.subarray(0, 20), raw, nonCanonical]) {
      expect(verifySm2(publicKeyPem, application, bad)).toBe(false)
    }
  })

  test('a signature by another key does not verify', () => {
    const other = generateSm2KeyPair()

    expect(verifySm2(other.publicKeyPem, application, signature)).toBe(false)
  })

  test('a NIST P-256 key is refused as not an SM2 key', () => {
    const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({
      format: 'pem',
      type: 'spki',
    })

    expect(() => verifySm2(p256.toString(), application, signature)).toThrow(
      expect.objectContaining({ code: 'CRYPTO_KEY_INVALID' }),
    )
  })
})

describe('SM2 published example and encodings', () => {
  // GM/T 0003.5-2012 annex A / GB/T 32918 example on the recommended curve, message "message digest",
  // default user id 1234567812345678.
  const d = '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8'
  const publicKeyHex =
    '0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020' +
    'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13'
  const k = 0x59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21n
  const r = 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3'
  const s = 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa'

  test('the example private key gives the published public key', () => {
    expect(getSm2PublicKeyHex(buildSm2KeyPairFromHex(d).privateKeyPem)).toBe(publicKeyHex)
  })

  test('the published signature verifies, and not under another user id', () => {
    const { publicKeyPem } = buildSm2KeyPairFromHex(d)
    const signature = convertSm2SignatureToDer(Buffer.from(r + s, 'hex'))

    expect(verifySm2(publicKeyPem, 'message digest', signature)).toBe(true)
    expect(verifySm2(publicKeyPem, 'message digest', signature, { userId: 'ALICE123@YAHOO.COM' })).toBe(false)
  })

  test('the signing equations with the published nonce give the published r and s', () => {
    const n = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n
    const curve =
      'fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc' +
      '28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93' +
      '32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7' +
      'bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0'
    const za = createHash('sm3')
      .update(
        Buffer.from(`0080${Buffer.from('1234567812345678').toString('hex')}${curve}${publicKeyHex.slice(2)}`, 'hex'),
      )
      .digest()
    const e = BigInt(`0x${createHash('sm3').update(za).update('message digest').digest('hex')}`)
    const dValue = BigInt(`0x${d}`)

    const signature = signSm2Digest({ d: dValue, inverseOfOnePlusD: invert(dValue + 1n, n) }, e, () => k)

    expect(signature.r.toString(16)).toBe(r)
    expect(signature.s.toString(16)).toBe(s)
  })

  test('a DER signature converts to 64-byte r || s and back unchanged', () => {
    const { privateKeyPem } = generateSm2KeyPair()
    const der = signSm2(privateKeyPem, application)

    const raw = convertSm2SignatureToRaw(der)

    expect(raw).toHaveLength(64)
    expect(convertSm2SignatureToDer(raw).equals(der)).toBe(true)
  })
})
