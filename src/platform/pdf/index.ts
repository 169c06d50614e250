export { type CjkFonts, loadCjkFonts } from './cjk-fonts.js'
export { createPdfDocument, type PdfDocumentOptions, PdfFont } from './pdf-document.js'
export { buildQrPng } from './qr-code.js'
