import { describe, expect, test } from 'vitest'
import { checkFormFile, FORM_FILE_MAX_BYTES } from './upload-rules.js'

describe('checking a blank form or sample before upload', () => {
  test('a PDF, a Word document or a photo up to 10 MB may be uploaded', () => {
    expect(checkFormFile({ name: '申请书.PDF', size: 1000 })).toBeUndefined()
    expect(checkFormFile({ name: '登记表.docx', size: FORM_FILE_MAX_BYTES })).toBeUndefined()
    expect(checkFormFile({ name: '样表.jpg', size: 20 })).toBeUndefined()
  })

  test('an executable, a file without extension, an empty file or one over 10 MB is refused with the reason', () => {
    expect(checkFormFile({ name: 'setup.exe', size: 10 })).toBe('type')
    expect(checkFormFile({ name: 'pdf', size: 10 })).toBe('type')
    expect(checkFormFile({ name: '空表.pdf', size: 0 })).toBe('empty')
    expect(checkFormFile({ name: '扫描件.pdf', size: FORM_FILE_MAX_BYTES + 1 })).toBe('size')
  })
})
