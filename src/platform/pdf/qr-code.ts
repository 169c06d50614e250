import QRCode from 'qrcode'

/** A QR code of `text` as a PNG, for printing on a document (error correction M survives a crease or a stamp). */
export async function buildQrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 4 })
}
