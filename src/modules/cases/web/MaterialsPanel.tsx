import { DeleteOutlined, EyeOutlined, UploadOutlined } from '@ant-design/icons'
import { Alert, Button, Popconfirm, Skeleton, Tag, Upload } from 'antd'
import { useState } from 'react'
import { describeError } from '../../../web/kit/api.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { type CaseMaterial, type CaseMaterialList, casesApi } from './cases-api.js'
import { describeSize, findFileProblem } from './file-rules.js'

type Props = {
  caseId: string
  /** Called after every change with the fresh list (the wizard's pre-review reads it). */
  onChange?: (list: CaseMaterialList) => void
}

/** 申请材料: each material the answers require, its uploaded file (view, replace, delete) and an upload button. */
export function MaterialsPanel({ caseId, onChange }: Props) {
  const { data, error, isLoading, reload } = useApiData(async (signal) => {
    const list = await casesApi.listMaterials(caseId, signal)
    onChange?.(list)
    return list
  }, caseId)
  const [problem, setProblem] = useState<{ code: string; text: string }>()
  const [busy, setBusy] = useState<string>()

  if (isLoading) return <Skeleton active paragraph={{ rows: 4 }} />
  if (error || !data) return <Alert type="warning" showIcon title="暂时无法读取申请材料，请稍后刷新页面再试。" />

  const current = data.materials.filter((material) => !material.superseded)
  const send = async (code: string, file: File, replacing?: CaseMaterial) => {
    const fileProblem = findFileProblem(file, data.maxFileBytes)
    if (fileProblem) {
      setProblem({ code, text: fileProblem })
      return
    }
    setProblem(undefined)
    setBusy(code)
    try {
      if (replacing) await casesApi.replaceMaterial(caseId, replacing.id, file)
      else await casesApi.uploadMaterial(caseId, code, file)
      reload()
    } catch (cause) {
      setProblem({ code, text: describeError(cause) })
    } finally {
      setBusy(undefined)
    }
  }
  const remove = async (code: string, material: CaseMaterial) => {
    setBusy(code)
    try {
      await casesApi.deleteMaterial(caseId, material.id)
      reload()
    } catch (cause) {
      setProblem({ code, text: describeError(cause) })
    } finally {
      setBusy(undefined)
    }
  }

  return (
    <div className="case-materials">
      <p className="muted">
        请上传 PDF、JPG、PNG 或 OFD 文件，每个不超过 {describeSize(data.maxFileBytes)}。拍照件请保证文字清晰。
      </p>
      {data.required.length === 0 && <Alert type="info" showIcon title="按您的情形，本事项无需上传材料。" />}
      <ol className="case-material-list">
        {data.required.map((required) => {
          const files = current.filter((material) => material.materialCode === required.code)
          return (
            <li key={required.code} className="case-material" data-testid={`material-${required.code}`}>
              <div className="case-material-head">
                <span className="case-material-name">{required.name}</span>
                {files.length > 0 ? <Tag color="success">已上传</Tag> : <Tag color="warning">待上传</Tag>}
              </div>
              {files.map((material) => (
                <div key={material.id} className="case-material-file">
                  <span className="case-material-file-name">
                    {material.fileName}（{describeSize(material.size)}）
                  </span>
                  <span className="case-material-actions">
                    <a href={casesApi.materialViewUrl(caseId, material.id)} target="_blank" rel="noreferrer">
                      <EyeOutlined aria-hidden /> 查看
                    </a>
                    {data.canChange && (
                      <>
                        <Upload
                          showUploadList={false}
                          beforeUpload={(file) => {
                            void send(required.code, file, material)
                            return false
                          }}
                        >
                          <Button size="small" type="link" disabled={busy !== undefined}>
                            替换
                          </Button>
                        </Upload>
                        <Popconfirm
                          title="删除这个文件？"
                          okText="删除"
                          cancelText="取消"
                          onConfirm={() => remove(required.code, material)}
                        >
                          <Button size="small" type="link" danger icon={<DeleteOutlined aria-hidden />}>
                            删除
                          </Button>
                        </Popconfirm>
                      </>
                    )}
                  </span>
                </div>
              ))}
              {data.canChange && files.length === 0 && (
                <Upload
                  showUploadList={false}
                  accept=".pdf,.jpg,.jpeg,.png,.ofd"
                  beforeUpload={(file) => {
                    void send(required.code, file)
                    return false
                  }}
                >
                  <Button icon={<UploadOutlined aria-hidden />} loading={busy === required.code}>
                    上传文件
                  </Button>
                </Upload>
              )}
              {problem?.code === required.code && (
                <Alert className="case-material-problem" type="error" showIcon title={problem.text} />
              )}
            </li>
          )
        })}
      </ol>
    </div>
  )
}
