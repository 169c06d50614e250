// sm-crypto ships no types and @types/sm-crypto is not installed; this covers the calls the benchmarks make.
declare module 'sm-crypto' {
  type SignatureOptions = { hash?: boolean; der?: boolean; publicKey?: string; userId?: string }
  const smCrypto: {
    sm2: {
      doSignature(message: string | Uint8Array, privateKeyHex: string, options?: SignatureOptions): string
      doVerifySignature(
        message: string | Uint8Array,
        signatureHex: string,
        publicKeyHex: string,
        options?: Omit<SignatureOptions, 'publicKey'>,
      ): boolean
    }
  }
  export default smCrypto
}
