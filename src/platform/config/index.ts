export { type Config, ConfigError, type FileStoreConfig, loadConfig } from './config.js'
