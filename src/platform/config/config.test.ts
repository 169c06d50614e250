import { describe, expect, test } from 'vitest'
import { loadConfig } from './config.js'

describe('configuration', () => {
  test('a newcomer with no variables gets port 3000, ./data and demo mode', () => {
    const config = loadConfig({})

    expect(config.port).toBe(3000)
    expect(config.dataDir.endsWith('/data')).toBe(true)
    expect(config.databaseUrl).toBeUndefined()
    expect(config.demoMode).toBe(true)
  })

  test('cases turn yellow when a fifth of their time is left, unless the centre chooses another share', () => {
    expect(loadConfig({}).caseWarningShare).toBe(0.2)
    expect(loadConfig({ TONGBAN_CASE_WARNING_SHARE: '0.3' }).caseWarningShare).toBe(0.3)
    expect(() => loadConfig({ TONGBAN_CASE_WARNING_SHARE: '1.5' })).toThrow(
      'TONGBAN_CASE_WARNING_SHARE must be a decimal between 0 and 1 (e.g. 0.2), got "1.5"',
    )
    expect(() => loadConfig({ TONGBAN_CASE_WARNING_SHARE: '20%' })).toThrow('TONGBAN_CASE_WARNING_SHARE')
  })

  test('production has no demo mode unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).demoMode).toBe(false)
  })

  test('a bad port is one clear line naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow('PORT must be a whole number, got "eighty"')
    expect(() => loadConfig({ PORT: '70000' })).toThrow('PORT must be between 0 and 65535, got 70000')
  })

  test('a DATABASE_URL that is not PostgreSQL is refused', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root@localhost/x' })).toThrow(
      'DATABASE_URL must start with postgres: or postgresql:',
    )
  })

  test('a master key in the environment must be 256 bits of hex', () => {
    expect(() => loadConfig({ TONGBAN_MASTER_KEY: 'abc' })).toThrow('TONGBAN_MASTER_KEY must be 64 hexadecimal')
  })
  test('files go to a folder in the data directory unless S3 is chosen, and S3 needs its endpoint and keys', () => {
    expect(loadConfig({ TONGBAN_DATA_DIR: '/srv/tongban' }).fileStore).toEqual({
      kind: 'folder',
      dir: '/srv/tongban/files',
    })
    expect(() => loadConfig({ TONGBAN_FILE_STORE: 's3' })).toThrow('TONGBAN_S3_ENDPOINT is required')
    expect(() => loadConfig({ TONGBAN_FILE_STORE: 's3', TONGBAN_S3_ENDPOINT: 'http://10.0.0.8:9000' })).toThrow(
      'TONGBAN_S3_BUCKET is required',
    )
    expect(loadConfig({}).materialMaxFileBytes).toBe(20 * 1024 * 1024)
    expect(loadConfig({}).materialMaxCaseBytes).toBe(200 * 1024 * 1024)
  })
})
