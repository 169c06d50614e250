/**
 * The EICAR anti-virus test signature. No AV engine runs offline here, but a file carrying the test string must be
 * refused the way a scanner would, so an operator can prove the refusal path with the standard test file.
 */
const EICAR = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*', 'latin1')

/** Scans a byte stream chunk by chunk for the EICAR signature, also across chunk boundaries. */
export function createSignatureScanner(): { push(chunk: Buffer): boolean } {
  let carry = Buffer.alloc(0)
  return {
    push(chunk) {
      const window = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk
      if (window.includes(EICAR)) return true
      carry = Buffer.from(window.subarray(Math.max(0, window.length - (EICAR.length - 1))))
      return false
    },
  }
}

// Markup a browser would render or run if it ever sniffed the file: HTML, SVG, script. Looked for in the first
// kilobyte, where content sniffers look, so an HTML/PDF or HTML/image polyglot is caught.
const MARKUP = /<(script|html|!doctype\s+html|svg|iframe|body|object|embed)\b/i

/** Whether the start of a file holds HTML, SVG or script markup. */
export function hasMarkup(head: Buffer): boolean {
  return MARKUP.test(head.toString('latin1'))
}
