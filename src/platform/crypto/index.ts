export { CryptoError, CryptoErrorCode } from './crypto-errors.js'
export type { CipherBinding, CiphertextIntegrityFailure, FieldCipher } from './field-cipher.js'
export { deriveKey, deriveSm2KeyPair } from './key-derivation.js'
export { createKeyRing, DataKeyPurpose, type KeyRing, type KeyRingOptions } from './key-ring.js'
export {
  buildMasterKeyPath,
  describeDataUnderMasterKey,
  type LoadMasterKeyOptions,
  loadMasterKey,
} from './master-key.js'
export {
  buildSm2KeyPairFromHex,
  buildSm2PublicKeyPem,
  convertSm2SignatureToDer,
  convertSm2SignatureToRaw,
  DEFAULT_SM2_USER_ID,
  generateSm2KeyPair,
  getSm2PrivateKeyHex,
  getSm2PublicKeyHex,
  type Sm2KeyPair,
  type Sm2Options,
  signSm2,
  verifySm2,
} from './sm2.js'
export { hmacSm3Hex, sm3Hex } from './sm3.js'
export { deriveSealKeys, openSm4, type SealKeys, sealSm4 } from './sm4.js'
