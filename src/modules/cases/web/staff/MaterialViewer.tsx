import { Button, Modal, Typography } from 'antd'
import { materialViewUrl } from './staff-api.js'

export type ViewedMaterial = { id: string; materialName: string; fileName: string; kind: string }

/** Shows an uploaded material in the browser: PDFs in the built-in viewer, photos and scans as images. */
export function MaterialViewer({
  caseId,
  material,
  onClose,
}: {
  caseId: string
  material: ViewedMaterial | undefined
  onClose: () => void
}) {
  const url = material ? materialViewUrl(caseId, material.id) : ''
  return (
    <Modal
      open={Boolean(material)}
      title={material?.materialName}
      onCancel={onClose}
      footer={
        <Button href={url} target="_blank" rel="noopener">
          在新标签页打开
        </Button>
      }
      width="min(960px, calc(100vw - 16px))"
      style={{ top: 16 }}
      destroyOnHidden
    >
      {material && (
        <>
          <Typography.Paragraph type="secondary" ellipsis>
            {material.fileName}
          </Typography.Paragraph>
          {material.kind === 'pdf' ? (
            <iframe title={material.materialName} src={url} style={{ width: '100%', height: '70vh', border: 0 }} />
          ) : material.kind === 'ofd' ? (
            <Typography.Paragraph>OFD 版式文件请在新标签页打开，用 OFD 阅读器查看。</Typography.Paragraph>
          ) : (
            <img
              src={url}
              alt={material.materialName}
              style={{ maxWidth: '100%', display: 'block', margin: '0 auto' }}
            />
          )}
        </>
      )}
    </Modal>
  )
}
