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
})
