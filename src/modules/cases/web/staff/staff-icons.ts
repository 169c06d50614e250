export { AlertOutlined, AuditOutlined, FormOutlined, ProfileOutlined } from '@ant-design/icons'
