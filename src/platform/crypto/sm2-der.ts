// The few ASN.1 DER shapes SM2 needs: PKCS#8 and SPKI keys as OpenSSL writes them, and ECDSA-style signatures.
// A general ASN.1 library would be more code to audit than these fixed shapes.

// AlgorithmIdentifier { id-ecPublicKey 1.2.840.10045.2.1, sm2p256v1 1.2.156.10197.1.301 }: what
// `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2` writes. Fixed by the standards; never change.
const SM2_ALGORITHM = Buffer.from('301306072a8648ce3d020106082a811ccf5501822d', 'hex')

const TAG_INTEGER = 0x02
const TAG_BIT_STRING = 0x03
const TAG_OCTET_STRING = 0x04
const TAG_SEQUENCE = 0x30
const TAG_PUBLIC_KEY = 0xa1

type Tlv = { tag: number; value: Buffer; next: number }

/** Reads one tag-length-value at `offset`; throws RangeError on truncated or oversized input. */
function readTlv(der: Buffer, offset: number): Tlv {
  const tag = der.readUInt8(offset)
  let length = der.readUInt8(offset + 1)
  let start = offset + 2
  if (length & 0x80) {
    const count = length & 0x7f
    if (count < 1 || count > 2) throw new RangeError('unsupported DER length')
    length = count === 1 ? der.readUInt8(start) : der.readUInt16BE(start)
    start += count
  }
  const next = start + length
  if (next > der.length) throw new RangeError('truncated DER')
  return { tag, value: der.subarray(start, next), next }
}

function expectTlv(der: Buffer, offset: number, tag: number): Tlv {
  const tlv = readTlv(der, offset)
  if (tlv.tag !== tag) throw new RangeError(`expected DER tag ${tag}, got ${tlv.tag}`)
  return tlv
}

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.of(length)
  if (length < 0x100) return Buffer.of(0x81, length)
  return Buffer.of(0x82, length >> 8, length & 0xff)
}

function encodeTlv(tag: number, ...parts: Uint8Array[]): Buffer {
  const value = Buffer.concat(parts)
  return Buffer.concat([Buffer.of(tag), encodeLength(value.length), value])
}

/** The 32-byte private scalar inside a PKCS#8 SM2 key; throws RangeError if the DER is not one. */
export function readPkcs8PrivateScalar(der: Buffer): Buffer {
  const outer = expectTlv(der, 0, TAG_SEQUENCE)
  const version = expectTlv(outer.value, 0, TAG_INTEGER)
  const algorithm = expectTlv(outer.value, version.next, TAG_SEQUENCE)
  if (!outer.value.subarray(version.next, algorithm.next).equals(SM2_ALGORITHM)) {
    throw new RangeError('not an SM2 key (curve OID 1.2.156.10197.1.301)')
  }
  const wrapped = expectTlv(outer.value, algorithm.next, TAG_OCTET_STRING)
  // SEC1 ECPrivateKey { version 1, privateKey OCTET STRING, [0] parameters?, [1] publicKey? }
  const ecKey = expectTlv(wrapped.value, 0, TAG_SEQUENCE)
  const ecVersion = expectTlv(ecKey.value, 0, TAG_INTEGER)
  return expectTlv(ecKey.value, ecVersion.next, TAG_OCTET_STRING).value
}

/** The encoded EC point inside an SPKI SM2 public key; throws RangeError if the DER is not one. */
export function readSpkiPublicPoint(der: Buffer): Buffer {
  const outer = expectTlv(der, 0, TAG_SEQUENCE)
  const algorithm = expectTlv(outer.value, 0, TAG_SEQUENCE)
  if (!outer.value.subarray(0, algorithm.next).equals(SM2_ALGORITHM)) {
    throw new RangeError('not an SM2 key (curve OID 1.2.156.10197.1.301)')
  }
  const bits = expectTlv(outer.value, algorithm.next, TAG_BIT_STRING)
  if (bits.value.readUInt8(0) !== 0) throw new RangeError('public key bit string has unused bits')
  return bits.value.subarray(1)
}

/** PKCS#8 DER for a 32-byte private scalar and its uncompressed public point, byte for byte as OpenSSL writes it. */
export function buildPkcs8Der(privateScalar: Uint8Array, publicPoint: Uint8Array): Buffer {
  const ecKey = encodeTlv(
    TAG_SEQUENCE,
    encodeTlv(TAG_INTEGER, Buffer.of(1)),
    encodeTlv(TAG_OCTET_STRING, privateScalar),
    encodeTlv(TAG_PUBLIC_KEY, encodeTlv(TAG_BIT_STRING, Buffer.of(0), publicPoint)),
  )
  return encodeTlv(
    TAG_SEQUENCE,
    encodeTlv(TAG_INTEGER, Buffer.of(0)),
    SM2_ALGORITHM,
    encodeTlv(TAG_OCTET_STRING, ecKey),
  )
}

/** SPKI DER for an uncompressed public point. */
export function buildSpkiDer(publicPoint: Uint8Array): Buffer {
  return encodeTlv(TAG_SEQUENCE, SM2_ALGORITHM, encodeTlv(TAG_BIT_STRING, Buffer.of(0), publicPoint))
}

/** Wraps DER in PEM armour with 64-character lines, as OpenSSL does. */
export function buildPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

function encodeDerInteger(value: bigint): Buffer {
  let hex = value.toString(16)
  if (hex.length % 2) hex = `0${hex}`
  const bytes = Buffer.from(hex, 'hex')
  // A set top bit would read as negative, so DER asks for a leading zero byte.
  return encodeTlv(TAG_INTEGER, (bytes.readUInt8(0) & 0x80) !== 0 ? Buffer.concat([Buffer.of(0), bytes]) : bytes)
}

/** SEQUENCE { INTEGER r, INTEGER s }: the signature encoding OpenSSL produces and expects for SM2. */
export function encodeDerSignature(r: bigint, s: bigint): Buffer {
  return encodeTlv(TAG_SEQUENCE, encodeDerInteger(r), encodeDerInteger(s))
}

function decodeStrictInteger(bytes: Buffer): bigint | undefined {
  if (bytes.length === 0 || bytes.length > 33) return undefined
  const first = bytes.readUInt8(0)
  if (first & 0x80) return undefined
  // A redundant leading zero would make one signature encodable in several ways (malleable); DER forbids it.
  if (first === 0 && (bytes.length === 1 || (bytes.readUInt8(1) & 0x80) === 0)) return undefined
  return BigInt(`0x${bytes.toString('hex')}`)
}

/** Reads a DER signature, refusing any encoding DER does not allow; undefined when it is not one. */
export function decodeDerSignature(der: Uint8Array): { r: bigint; s: bigint } | undefined {
  try {
    const bytes = Buffer.from(der.buffer, der.byteOffset, der.byteLength)
    const outer = expectTlv(bytes, 0, TAG_SEQUENCE)
    // Signatures are at most 72 bytes, so long-form lengths are never canonical here.
    if (outer.next !== bytes.length || bytes.readUInt8(1) & 0x80) return undefined
    const rTlv = expectTlv(outer.value, 0, TAG_INTEGER)
    const sTlv = expectTlv(outer.value, rTlv.next, TAG_INTEGER)
    if (sTlv.next !== outer.value.length) return undefined
    if (rTlv.next !== 2 + rTlv.value.length || sTlv.next - rTlv.next !== 2 + sTlv.value.length) return undefined
    const r = decodeStrictInteger(rTlv.value)
    const s = decodeStrictInteger(sTlv.value)
    return r === undefined || s === undefined ? undefined : { r, s }
  } catch {
    return undefined
  }
}
