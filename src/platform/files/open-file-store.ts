import type { FileStoreConfig } from '../config/index.js'
import type { FileStore } from './file-store.js'
import { createFolderFileStore } from './folder-file-store.js'
import { createS3FileStore } from './s3-file-store.js'

/** The configured FileStore and a function that releases it (the S3 client's sockets) at shutdown. */
export async function openFileStore(
  config: FileStoreConfig,
  options: { spoolDir?: string } = {},
): Promise<{ store: FileStore; close: () => Promise<void> }> {
  if (config.kind === 'folder') return { store: await createFolderFileStore(config.dir), close: async () => {} }
  const store = createS3FileStore({ ...config, ...(options.spoolDir ? { spoolDir: options.spoolDir } : {}) })
  return { store, close: async () => store.close() }
}
