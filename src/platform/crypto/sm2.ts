import { createHash, createPrivateKey, createPublicKey, randomBytes } from 'node:crypto'
import { invert, mod } from '@noble/curves/abstract/modular.js'
import { type WeierstrassPoint, weierstrass } from '@noble/curves/abstract/weierstrass.js'
import { CryptoError, CryptoErrorCode } from './crypto-errors.js'
import {
  buildPem,
  buildPkcs8Der,
  buildSpkiDer,
  decodeDerSignature,
  encodeDerSignature,
  readPkcs8PrivateScalar,
  readSpkiPublicPoint,
} from './sm2-der.js'

// SM2 digital signature, GB/T 32918.2-2016. Node's crypto.sign on an SM2 key hashes with an empty
// distinguishing id, so its signatures do not verify elsewhere; the scheme is therefore written here on top
// of @noble/curves point arithmetic (see docs/adr/0005-cryptography.md).

// The recommended curve sm2p256v1, GB/T 32918.5-2017. Fixed by the standard; never change.
const CURVE = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  h: 1n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
} as const
const { n } = CURVE
const Sm2Point = weierstrass<bigint>(CURVE)
// A wider window than noble's default makes k·G, the cost of every signature, about a third faster.
Sm2Point.BASE.precompute(8, false)

/** The distinguishing identifier GB/T 35276 prescribes when the parties agree on none. */
export const DEFAULT_SM2_USER_ID = '1234567812345678'

export type Sm2KeyPair = { privateKeyPem: string; publicKeyPem: string }
export type Sm2Options = { userId?: string | Uint8Array }
type Point = WeierstrassPoint<bigint>
type PublicKey = { point: Point; xy: Buffer; defaultZa: Buffer; verifications: number }
type PrivateKey = PublicKey & { d: bigint; inverseOfOnePlusD: bigint }

function toBytes32(value: bigint): Buffer {
  return Buffer.from(value.toString(16).padStart(64, '0'), 'hex')
}

function toBigint(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`)
}

const CURVE_BYTES = Buffer.concat([CURVE.a, CURVE.b, CURVE.Gx, CURVE.Gy].map(toBytes32))

function toUserIdBytes(userId: string | Uint8Array = DEFAULT_SM2_USER_ID): Buffer {
  const bytes = Buffer.from(typeof userId === 'string' ? Buffer.from(userId, 'utf8') : userId)
  // ENTL is the id's length in bits in two bytes.
  if (bytes.length >= 8192) {
    throw new CryptoError(CryptoErrorCode.userIdInvalid, `SM2 user id is ${bytes.length} bytes; it must be under 8192`)
  }
  return bytes
}

/** Z_A = SM3(ENTL || ID || a || b || xG || yG || xA || yA). */
function computeZa(userId: Buffer, publicXy: Buffer): Buffer {
  const entl = userId.length * 8
  return createHash('sm3')
    .update(Buffer.of(entl >> 8, entl & 0xff))
    .update(userId)
    .update(CURVE_BYTES)
    .update(publicXy)
    .digest()
}

function computeE(key: PublicKey, message: string | Uint8Array, options: Sm2Options): bigint {
  const za = options.userId === undefined ? key.defaultZa : computeZa(toUserIdBytes(options.userId), key.xy)
  return toBigint(createHash('sm3').update(za).update(message).digest())
}

/** A uniform scalar in [1, max] by rejection sampling, so no value is more likely than another. */
function pickRandomScalar(max: bigint): bigint {
  for (;;) {
    const candidate = toBigint(randomBytes(32))
    if (candidate >= 1n && candidate <= max) return candidate
  }
}

function toPublicKey(point: Point): PublicKey {
  const xy = Buffer.from(point.toBytes(false).subarray(1))
  return { point, xy, defaultZa: computeZa(toUserIdBytes(), xy), verifications: 0 }
}

function toPrivateKey(d: bigint): PrivateKey {
  // The signing equation inverts 1 + d, so d = n − 1 is not a usable key (GB/T 32918.1 §6.1).
  if (d < 1n || d > n - 2n) throw new CryptoError(CryptoErrorCode.keyInvalid, 'SM2 private key is out of range')
  return { ...toPublicKey(Sm2Point.BASE.multiply(d)), d, inverseOfOnePlusD: invert(d + 1n, n) }
}

function invalidKey(what: string, cause: unknown): CryptoError {
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new CryptoError(CryptoErrorCode.keyInvalid, `${what} is not a usable SM2 key: ${reason}`)
}

// Parsing a PEM costs a scalar multiplication and a few hashes; services sign with a handful of keys.
const CACHE_LIMIT = 64
const privateKeys = new Map<string, PrivateKey>()
const publicKeys = new Map<string, PublicKey>()

function remember<T>(cache: Map<string, T>, pem: string, value: T): T {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string)
  cache.set(pem, value)
  return value
}

function readPrivateKey(privateKeyPem: string): PrivateKey {
  const cached = privateKeys.get(privateKeyPem)
  if (cached) return cached
  let scalar: Buffer
  try {
    // Node normalizes SEC1 ("EC PRIVATE KEY") and PKCS#8 input to PKCS#8 DER for us.
    scalar = readPkcs8PrivateScalar(createPrivateKey(privateKeyPem).export({ format: 'der', type: 'pkcs8' }))
  } catch (error) {
    throw invalidKey('private key PEM', error)
  }
  return remember(privateKeys, privateKeyPem, toPrivateKey(toBigint(scalar)))
}

function readPublicKey(publicKeyPem: string): PublicKey {
  const cached = publicKeys.get(publicKeyPem)
  if (cached) return cached
  let point: Point
  try {
    // createPublicKey also accepts a private key PEM and derives its public half.
    point = Sm2Point.fromBytes(
      readSpkiPublicPoint(createPublicKey(publicKeyPem).export({ format: 'der', type: 'spki' })),
    )
    point.assertValidity()
  } catch (error) {
    throw invalidKey('public key PEM', error)
  }
  return remember(publicKeys, publicKeyPem, toPublicKey(point))
}

/** The signing equations of GB/T 32918.2 §6.1 with a caller-chosen nonce source; `nextK` is only fixed in tests. */
export function signSm2Digest(key: { d: bigint; inverseOfOnePlusD: bigint }, e: bigint, nextK: () => bigint) {
  for (;;) {
    const k = nextK()
    const x1 = Sm2Point.BASE.multiply(k).x
    const r = mod(e + x1, n)
    if (r === 0n || r + k === n) continue
    const s = mod(key.inverseOfOnePlusD * mod(k - r * key.d, n), n)
    if (s === 0n) continue
    return { r, s }
  }
}

/** A fresh SM2 key pair as PKCS#8 and SPKI PEM, the same shape `openssl genpkey ... ec_paramgen_curve:SM2` writes. */
export function generateSm2KeyPair(): Sm2KeyPair {
  return buildSm2KeyPair(pickRandomScalar(n - 2n))
}

function buildSm2KeyPair(d: bigint): Sm2KeyPair {
  const point = Sm2Point.BASE.multiply(d).toBytes(false)
  return {
    privateKeyPem: buildPem('PRIVATE KEY', buildPkcs8Der(toBytes32(d), point)),
    publicKeyPem: buildPem('PUBLIC KEY', buildSpkiDer(point)),
  }
}

/** Signs `message` (UTF-8 if a string) with SM2/SM3 into DER; throws CRYPTO_KEY_INVALID, CRYPTO_USER_ID_INVALID. */
export function signSm2(privateKeyPem: string, message: string | Uint8Array, options: Sm2Options = {}): Buffer {
  const key = readPrivateKey(privateKeyPem)
  const { r, s } = signSm2Digest(key, computeE(key, message, options), () => pickRandomScalar(n - 1n))
  return encodeDerSignature(r, s)
}

/** Whether `signatureDer` is a valid SM2 signature of `message`; false (never a throw) for any malformed signature. */
export function verifySm2(
  publicKeyPem: string,
  message: string | Uint8Array,
  signatureDer: Uint8Array,
  options: Sm2Options = {},
): boolean {
  const key = readPublicKey(publicKeyPem)
  const signature = decodeDerSignature(signatureDer)
  if (!signature) return false
  const { r, s } = signature
  if (r < 1n || r >= n || s < 1n || s >= n) return false
  const t = mod(r + s, n)
  if (t === 0n) return false
  // A key verified more than once (an issuing department's key) gets a window table: about 8 ms once, then
  // each verification takes a third of the time. One-off keys skip the table.
  if (++key.verifications === 2) key.point = Sm2Point.fromAffine(key.point.toAffine()).precompute(4, false)
  const point = Sm2Point.BASE.multiplyUnsafe(s).add(key.point.multiplyUnsafe(t))
  if (point.is0()) return false
  return mod(computeE(key, message, options) + point.x, n) === r
}

/** Turns a DER signature into the 64-byte r || s form some peers use; throws CRYPTO_SIGNATURE_MALFORMED. */
export function convertSm2SignatureToRaw(signatureDer: Uint8Array): Buffer {
  const signature = decodeDerSignature(signatureDer)
  if (!signature || signature.r >= n || signature.s >= n) {
    throw new CryptoError(CryptoErrorCode.signatureMalformed, 'SM2 signature is not a DER SEQUENCE of two integers')
  }
  return Buffer.concat([toBytes32(signature.r), toBytes32(signature.s)])
}

/** Turns a 64-byte r || s signature into DER; throws CRYPTO_SIGNATURE_MALFORMED. */
export function convertSm2SignatureToDer(signatureRaw: Uint8Array): Buffer {
  if (signatureRaw.length !== 64) {
    throw new CryptoError(
      CryptoErrorCode.signatureMalformed,
      `raw SM2 signature is ${signatureRaw.length} bytes, not 64`,
    )
  }
  const r = toBigint(signatureRaw.subarray(0, 32))
  const s = toBigint(signatureRaw.subarray(32))
  if (r < 1n || r >= n || s < 1n || s >= n) {
    throw new CryptoError(CryptoErrorCode.signatureMalformed, 'raw SM2 signature has r or s out of range')
  }
  return encodeDerSignature(r, s)
}

/** The private scalar as 64 hex digits, for libraries that take raw keys (sm-crypto); throws CRYPTO_KEY_INVALID. */
export function getSm2PrivateKeyHex(privateKeyPem: string): string {
  return toBytes32(readPrivateKey(privateKeyPem).d).toString('hex')
}

/** The public point as uncompressed hex (04 || x || y) from a public or private key PEM; throws CRYPTO_KEY_INVALID. */
export function getSm2PublicKeyHex(keyPem: string): string {
  const key = keyPem.includes('PRIVATE KEY') ? readPrivateKey(keyPem) : readPublicKey(keyPem)
  return `04${key.xy.toString('hex')}`
}

/** PEM key pair for a raw 64-hex-digit private scalar (another library's key, a vector); throws CRYPTO_KEY_INVALID. */
export function buildSm2KeyPairFromHex(privateKeyHex: string): Sm2KeyPair {
  if (!/^[0-9a-fA-F]{64}$/.test(privateKeyHex)) {
    throw new CryptoError(CryptoErrorCode.keyInvalid, 'SM2 private key hex must be 64 hex digits')
  }
  return buildSm2KeyPair(toPrivateKey(BigInt(`0x${privateKeyHex}`)).d)
}

/** SPKI PEM for a raw public point (04 || x || y, or compressed); throws CRYPTO_KEY_INVALID. */
export function buildSm2PublicKeyPem(publicKeyHex: string): string {
  let point: Point
  try {
    point = Sm2Point.fromHex(publicKeyHex)
    point.assertValidity()
  } catch (error) {
    throw invalidKey('public key hex', error)
  }
  return buildPem('PUBLIC KEY', buildSpkiDer(point.toBytes(false)))
}
