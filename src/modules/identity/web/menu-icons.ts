// The icons of this module's workbench menu entries, fetched with the workbench (lazyIcon), not with the portal.
export {
  CloudDownloadOutlined,
  IdcardOutlined,
  KeyOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons'
