import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createHttpServer, type HttpServer } from './create-http-server.js'
import { registerWebAssets } from './web-assets.js'

// A built web app as `vite build` leaves it: index.html, a hashed chunk with its .br and .gz, a public file.
const CHUNK = `export const page = ${JSON.stringify('政务服务'.repeat(500))};`
let distDir: string
let app: HttpServer

beforeAll(async () => {
  distDir = mkdtempSync(path.join(tmpdir(), 'tongban-web-dist-'))
  mkdirSync(path.join(distDir, 'assets'))
  writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><div id="root"></div>')
  writeFileSync(path.join(distDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  writeFileSync(path.join(distDir, 'assets', 'GuidePage-AbC123.js'), CHUNK)
  writeFileSync(path.join(distDir, 'assets', 'GuidePage-AbC123.js.br'), brotliCompressSync(CHUNK))
  writeFileSync(path.join(distDir, 'assets', 'GuidePage-AbC123.js.gz'), gzipSync(CHUNK))
  app = await createHttpServer({
    logLevel: 'silent',
    bodyLimitBytes: 1024 * 1024,
    publicUrl: 'http://127.0.0.1',
    version: 'test',
  })
  await registerWebAssets(app, distDir)
  await app.ready()
})

afterAll(async () => {
  await app?.close()
  rmSync(distDir, { recursive: true, force: true })
})

const chunkUrl = '/assets/GuidePage-AbC123.js'

describe('a hashed chunk', () => {
  test('a browser that accepts brotli gets the brotli file, cached for a year and varying on the encoding', async () => {
    const response = await app.inject({ url: chunkUrl, headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } })

    expect(response.statusCode).toBe(200)
    expect(response.headers['content-encoding']).toBe('br')
    expect(response.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/)
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(response.headers.vary).toMatch(/accept-encoding/i)
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(CHUNK)
    expect(response.rawPayload.length).toBeLessThan(Buffer.byteLength(CHUNK) / 10)
  })

  test('a client that accepts only gzip gets the gzip file', async () => {
    const response = await app.inject({ url: chunkUrl, headers: { 'accept-encoding': 'gzip' } })

    expect(response.headers['content-encoding']).toBe('gzip')
    expect(response.headers.vary).toMatch(/accept-encoding/i)
    expect(gunzipSync(response.rawPayload).toString()).toBe(CHUNK)
  })

  test('a client that accepts no compression gets the plain file, still marked as varying', async () => {
    const response = await app.inject({ url: chunkUrl, headers: { 'accept-encoding': 'identity' } })

    expect(response.headers['content-encoding']).toBeUndefined()
    expect(response.headers.vary).toMatch(/accept-encoding/i)
    expect(response.body).toBe(CHUNK)
  })

  test('the compressed variants have no address of their own', async () => {
    const response = await app.inject({ url: `${chunkUrl}.br`, headers: { 'accept-encoding': 'br' } })

    expect(response.statusCode).toBe(404)
  })
})

describe('index.html', () => {
  test('is revalidated on every visit, at / and at a client-side address', async () => {
    const home = await app.inject({ url: '/', headers: { accept: 'text/html', 'accept-encoding': 'br' } })
    const deepLink = await app.inject({
      url: '/services/items/QT-001',
      headers: { accept: 'text/html', 'accept-encoding': 'br' },
    })

    for (const response of [home, deepLink]) {
      expect(response.statusCode).toBe(200)
      expect(response.headers['cache-control']).toBe('no-cache')
      expect(response.body).toContain('<div id="root">')
    }
  })

  test('a file outside assets/ (not content-hashed) is revalidated too', async () => {
    const response = await app.inject({ url: '/favicon.svg' })

    expect(response.headers['cache-control']).toBe('no-cache')
  })
})
