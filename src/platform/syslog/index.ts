export { buildSyslogLine, createSyslogSender, type SyslogMessage, type SyslogSender, SyslogSeverity } from './syslog.js'
