import { describe, expect, test } from 'vitest'
import { checkFormFile, FORM_FILE_MAX_BYTES } from './upload-rules.js'

describe('checking a blank form or sample before upload', () => {
  test('a blank form may be a PDF, Word, Excel or OFD document up to 10 MB; a sample a PDF or a photo', () => {
    expect(checkFormFile({ name: '申请书.PDF', size: 1000 }, 'blankForm')).toBeUndefined()
    expect(checkFormFile({ name: '登记表.docx', size: FORM_FILE_MAX_BYTES }, 'blankForm')).toBeUndefined()
    expect(checkFormFile({ name: '登记表.ofd', size: 100 }, 'blankForm')).toBeUndefined()
    expect(checkFormFile({ name: '样表.jpg', size: 20 }, 'sample')).toBeUndefined()
  })

  test('an executable, an old .doc, a photo as a blank form, an empty file or one over 10 MB is refused', () => {
    expect(checkFormFile({ name: 'setup.exe', size: 10 }, 'blankForm')).toBe('type')
    expect(checkFormFile({ name: '申请书.doc', size: 10 }, 'blankForm')).toBe('type')
    expect(checkFormFile({ name: '样表.jpg', size: 10 }, 'blankForm')).toBe('type')
    expect(checkFormFile({ name: 'pdf', size: 10 }, 'sample')).toBe('type')
    expect(checkFormFile({ name: '空表.pdf', size: 0 }, 'sample')).toBe('empty')
    expect(checkFormFile({ name: '扫描件.pdf', size: FORM_FILE_MAX_BYTES + 1 }, 'blankForm')).toBe('size')
  })
})
