import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import S3rver from '@20minutes/s3rver'
import type { S3FileStoreOptions } from './s3-file-store.js'

/** An S3-protocol server for tests, on a free loopback port, keeping its objects in `directory`. */
export type TestS3Server = {
  options: S3FileStoreOptions
  /** Where the server writes its objects: tests grep it for plaintext. */
  directory: string
  close(): Promise<void>
}

/**
 * Starts @20minutes/s3rver (a maintained fork of s3rver: the S3 REST protocol over a folder, with real SigV4
 * checks) with one bucket; nothing leaves the machine.
 */
export async function startTestS3Server(bucket = 'tongban-test'): Promise<TestS3Server> {
  const directory = await mkdtemp(path.join(tmpdir(), 'tongban-s3rver-'))
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  })
  const { port } = await server.run()
  return {
    // s3rver's one built-in account.
    options: {
      endpoint: `http://127.0.0.1:${port}`,
      bucket,
      accessKey: 'S3RVER',
      secretKey: 'S3RVER',
      region: 'us-east-1',
    },
    directory,
    async close() {
      await server.close()
      await rm(directory, { recursive: true, force: true })
    },
  }
}
