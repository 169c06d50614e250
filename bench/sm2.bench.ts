import smCrypto from 'sm-crypto'
import {
  DEFAULT_SM2_USER_ID,
  generateSm2KeyPair,
  getSm2PrivateKeyHex,
  getSm2PublicKeyHex,
  signSm2,
  verifySm2,
} from '../src/platform/crypto/index.js'
import { type BenchRow, measure } from './harness.js'

const BASELINE = 'sm-crypto 0.5 (pure JS, jsbn)'
const OPTIONS = { iterations: 300, warmup: 30 }

// A receipt-sized document: SM2 cost is dominated by point multiplication, not by hashing the message.
const message = JSON.stringify({
  caseId: 'C2026112500001',
  itemCode: '11000000000000000X-001',
  applicant: '张三',
  materials: Array.from({ length: 10 }, (_, i) => ({ name: `材料${i}`, pages: i + 1 })),
  acceptedAt: '2026-11-25T09:30:00+08:00',
})

/** Fails loudly if the two libraries disagree: timing incompatible implementations would be meaningless. */
function assertInteroperable(privateKeyPem: string, publicKeyPem: string, privateKeyHex: string, publicKeyHex: string) {
  const ours = signSm2(privateKeyPem, message).toString('hex')
  const theirs = smCrypto.sm2.doSignature(message, privateKeyHex, { hash: true, der: true, publicKey: publicKeyHex })
  const options = { hash: true, der: true, userId: DEFAULT_SM2_USER_ID }
  if (!smCrypto.sm2.doVerifySignature(message, ours, publicKeyHex, options)) {
    throw new Error('sm-crypto does not verify a Tongban SM2 signature')
  }
  if (!verifySm2(publicKeyPem, message, Buffer.from(theirs, 'hex'))) {
    throw new Error('Tongban does not verify an sm-crypto SM2 signature')
  }
}

/** SM2 sign and verify with SM3 and the default user id: Tongban (noble-curves points) against sm-crypto. */
export async function benchSm2(): Promise<BenchRow[]> {
  const { privateKeyPem, publicKeyPem } = generateSm2KeyPair()
  const privateKeyHex = getSm2PrivateKeyHex(privateKeyPem)
  const publicKeyHex = getSm2PublicKeyHex(publicKeyPem)
  assertInteroperable(privateKeyPem, publicKeyPem, privateKeyHex, publicKeyHex)

  const signatureDer = signSm2(privateKeyPem, message)
  const signatureHex = signatureDer.toString('hex')
  // Passing the public key spares sm-crypto a point multiplication per signature, as a careful caller would.
  const sign = measure(() => signSm2(privateKeyPem, message), OPTIONS)
  const baselineSign = measure(
    () => smCrypto.sm2.doSignature(message, privateKeyHex, { hash: true, der: true, publicKey: publicKeyHex }),
    OPTIONS,
  )
  const verify = measure(() => verifySm2(publicKeyPem, message, signatureDer), OPTIONS)
  const baselineVerify = measure(
    () => smCrypto.sm2.doVerifySignature(message, signatureHex, publicKeyHex, { hash: true, der: true }),
    OPTIONS,
  )
  return [
    {
      name: 'SM2 sign (SM3, default user id, DER)',
      baseline: BASELINE,
      ...sign,
      baselineMedianMs: baselineSign.medianMs,
      baselineP95Ms: baselineSign.p95Ms,
    },
    {
      name: 'SM2 verify (SM3, default user id, DER)',
      baseline: BASELINE,
      ...verify,
      baselineMedianMs: baselineVerify.medianMs,
      baselineP95Ms: baselineVerify.p95Ms,
    },
  ]
}
