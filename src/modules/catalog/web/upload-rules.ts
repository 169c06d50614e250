/**
 * File kinds a blank form (空白表格) or filled sample (示例样表) may be. The server decides from the content and
 * checks the same lists (catalog.routes.ts); old Office formats (.doc/.xls) are refused as they may carry macros.
 */
export const FORM_FILE_EXTENSIONS = {
  blankForm: ['pdf', 'docx', 'xlsx', 'ofd'],
  sample: ['pdf', 'jpg', 'jpeg', 'png'],
} as const
export type FormFileKind = keyof typeof FORM_FILE_EXTENSIONS
export const FORM_FILE_MAX_BYTES = 10 * 1024 * 1024

/** The `accept` attribute of the file picker for a kind. */
export function buildFormFileAccept(kind: FormFileKind): string {
  return FORM_FILE_EXTENSIONS[kind].map((extension) => `.${extension}`).join(',')
}

/** Why a picked file cannot be uploaded as a form or sample ('type' | 'size' | 'empty'), or undefined if it can. */
export function checkFormFile(
  file: { name: string; size: number },
  kind: FormFileKind = 'blankForm',
): 'type' | 'size' | 'empty' | undefined {
  const extension = file.name.toLowerCase().split('.').pop() ?? ''
  if (!file.name.includes('.') || !(FORM_FILE_EXTENSIONS[kind] as readonly string[]).includes(extension)) return 'type'
  if (file.size === 0) return 'empty'
  if (file.size > FORM_FILE_MAX_BYTES) return 'size'
  return undefined
}
