import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { type Font, create as parseFont } from 'fontkit'

/** The regular and bold Chinese fonts, parsed, ready for `doc.registerFont`. */
export type CjkFonts = { regular: Font; bold: Font }

// Noto Sans Hans ships inside the npm package @embedpdf/fonts-sc (ADR 0011): nothing is fetched at run time.
const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts')
let fonts: CjkFonts | undefined

/**
 * Noto Sans Hans regular and bold, read and parsed once per process. pdfkit would otherwise parse the 16 MB of
 * OpenType again for every document; the parsed fonts are only read while each document takes its own subset.
 */
export function loadCjkFonts(): CjkFonts {
  fonts ??= {
    regular: parseFont(readFileSync(path.join(fontDir, 'NotoSansHans-Regular.otf'))),
    bold: parseFont(readFileSync(path.join(fontDir, 'NotoSansHans-Bold.otf'))),
  }
  return fonts
}
