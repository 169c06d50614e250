export {
  createEncryptedFiles,
  deriveFileKeys,
  type EncryptedFiles,
  type EncryptedPutResult,
} from './encrypted-files.js'
export {
  assertFileKey,
  type FileStore,
  FileStoreError,
  FileStoreErrorCode,
  type StoredFileInfo,
} from './file-store.js'
export { createFolderFileStore } from './folder-file-store.js'
export { openFileStore } from './open-file-store.js'
export { createS3FileStore, type S3FileStoreOptions } from './s3-file-store.js'
