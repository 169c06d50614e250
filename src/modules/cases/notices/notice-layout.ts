/**
 * The fixed geometry of every case notice, in PDF points (1/72 inch) from the page's top-left corner, as pdfkit
 * draws. The seal goes on the LAST page, centred on the issuer's name and date, as a 42 mm round official seal is
 * pressed on paper. The licences module draws the seal image inside `NOTICE_SEAL_BOX` and signs the result; nothing
 * else is ever drawn there. Issued notices depend on these numbers: changing them moves seals on new notices only,
 * so record a change in ADR 0023.
 */
export const NOTICE_PAGE = { size: 'A4', width: 595.28, height: 841.89, marginX: 56, marginTop: 50 } as const

/** The issuer's name and the date line, right-aligned in this box on the last page. */
export const NOTICE_ISSUER_BLOCK = { x: 315, y: 640, width: 224, lineHeight: 22 } as const

/** 42 mm ≈ 119 pt: the square the round seal occupies, over the right end of the issuer name and the date (骑年盖月). */
export const NOTICE_SEAL_BOX = { page: 'last', x: 420, y: 597, width: 119, height: 119 } as const

/** Body text must end above this line on the last page; otherwise the issuer block moves to a new page. */
export const NOTICE_BODY_LIMIT_Y = 580

/** The QR code to the case's public status page, top right of the first page. */
export const NOTICE_QR_BOX = { x: 443, y: 150, width: 96, height: 96 } as const
