/** File kinds a blank form (空白表格) or filled sample (示例样表) may be; the server checks the same list. */
export const FORM_FILE_EXTENSIONS = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'jpeg', 'png'] as const
export const FORM_FILE_ACCEPT = FORM_FILE_EXTENSIONS.map((extension) => `.${extension}`).join(',')
export const FORM_FILE_MAX_BYTES = 10 * 1024 * 1024

/** Why a picked file cannot be uploaded as a form or sample ('type' | 'size' | 'empty'), or undefined if it can. */
export function checkFormFile(file: { name: string; size: number }): 'type' | 'size' | 'empty' | undefined {
  const extension = file.name.toLowerCase().split('.').pop() ?? ''
  if (!file.name.includes('.') || !(FORM_FILE_EXTENSIONS as readonly string[]).includes(extension)) return 'type'
  if (file.size === 0) return 'empty'
  if (file.size > FORM_FILE_MAX_BYTES) return 'size'
  return undefined
}
