import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons'
import { App, Button, Space, Upload } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../../web/kit/api.js'
import type { FileRef } from '../catalog.schemas.js'
import { buildFormFileAccept, checkFormFile, FORM_FILE_EXTENSIONS } from './upload-rules.js'

type StoredFile = { id: string; fileName: string; url: string; size: number }

/**
 * A material's blank form or filled sample as a form control: uploads the picked file through
 * `POST /api/catalog/files` (multipart; the server checks the content) and holds `{ fileName, url }`; the remove button clears it.
 */
export function FormFileSlot({
  kind,
  value,
  onChange,
  disabled,
  testId,
}: {
  kind: 'blankForm' | 'sample'
  value?: FileRef
  onChange?: (value: FileRef | undefined) => void
  disabled?: boolean
  testId?: string
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [isUploading, setIsUploading] = useState(false)
  const kindLabel = t(`catalogWorkbench.${kind}`)

  const upload = async (file: File) => {
    const problem = checkFormFile(file, kind)
    if (problem) {
      const key = { type: 'fileTypeRefused', size: 'fileTooLarge', empty: 'fileEmpty' }[problem]
      void message.error(
        t(`catalogWorkbench.${key}`, { fileName: file.name, types: FORM_FILE_EXTENSIONS[kind].join('、') }),
      )
      return
    }
    setIsUploading(true)
    try {
      const form = new FormData()
      form.append('file', file, file.name)
      const stored = await api.postForm<StoredFile>(`/api/catalog/files?purpose=${kind}`, form)
      onChange?.({ fileName: stored.fileName, url: stored.url })
      void message.success(t('catalogWorkbench.uploaded', { fileName: stored.fileName }))
    } catch {
      // The API client has shown the server's message.
    } finally {
      setIsUploading(false)
    }
  }

  if (value) {
    return (
      <Space size={2} className="catalog-file-slot" data-testid={testId}>
        <a href={value.url} target="_blank" rel="noreferrer" title={value.fileName}>
          <PaperClipOutlined aria-hidden />{' '}
          <span className="catalog-file-name">
            {kindLabel}：{value.fileName}
          </span>
        </a>
        <Button
          type="text"
          size="small"
          danger
          disabled={disabled}
          icon={<DeleteOutlined aria-hidden />}
          aria-label={t('catalogWorkbench.removeFile', { kind: kindLabel })}
          onClick={() => onChange?.(undefined)}
        />
      </Space>
    )
  }
  return (
    <span className="catalog-file-slot" data-testid={testId}>
      <Upload
        accept={buildFormFileAccept(kind)}
        showUploadList={false}
        disabled={disabled || isUploading}
        beforeUpload={(file) => {
          void upload(file)
          return false
        }}
      >
        <Button size="small" icon={<UploadOutlined aria-hidden />} loading={isUploading} disabled={disabled}>
          {isUploading ? t('catalogWorkbench.uploading') : kindLabel}
        </Button>
      </Upload>
    </span>
  )
}
