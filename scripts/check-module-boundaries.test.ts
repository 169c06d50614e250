import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, expect, test } from 'vitest'
// @ts-expect-error the check is a plain Node script without type declarations
import { findBoundaryProblems } from './check-module-boundaries.mjs'

// Each test writes a small source tree in a temporary folder: a clean web side (shell → module pages → kit), plus
// at most one import that breaks the layering, and asks the check what is wrong with it.

const CLEAN_TREE: Record<string, string> = {
  'web/kit/api.ts': 'export const api = {}\n',
  'web/kit/module-pages.ts': 'export type ModulePages = { module: string }\n',
  'web/app/modules.ts': [
    "import { casesPages } from '../../modules/cases/web/index.js'",
    "import type { ModulePages } from '../kit/module-pages.js'",
    'export const MODULES: ModulePages[] = [casesPages]',
  ].join('\n'),
  'web/app/router.tsx': "import { MODULES } from './modules.js'\nexport const routes = MODULES\n",
  'modules/cases/index.ts': 'export const loadCase = () => null\n',
  'modules/cases/cases.service.ts': "import { loadItem } from '../catalog/index.js'\nexport const x = loadItem\n",
  'modules/cases/web/index.ts': [
    "import type { ModulePages } from '../../../web/kit/module-pages.js'",
    "export const casesPages: ModulePages = { module: 'cases', page: () => import('./CasePage.js') }",
  ].join('\n'),
  'modules/cases/web/CasePage.tsx': [
    "import { api } from '../../../web/kit/api.js'",
    "import { CatalogBadge } from '../../catalog/web/index.js'",
    'export const CasePage = () => [api, CatalogBadge]',
  ].join('\n'),
  'modules/catalog/index.ts': 'export const loadItem = () => null\n',
  'modules/catalog/web/index.ts': "export { CatalogBadge } from './CatalogBadge.js'\n",
  'modules/catalog/web/CatalogBadge.tsx': 'export const CatalogBadge = () => null\n',
}

let root: string | undefined

afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true })
  root = undefined
})

function check(extra: Record<string, string> = {}): string[] {
  root = mkdtempSync(path.join(tmpdir(), 'boundaries-'))
  const srcDir = path.join(root, 'src')
  for (const [file, text] of Object.entries({ ...CLEAN_TREE, ...extra })) {
    mkdirSync(path.dirname(path.join(srcDir, file)), { recursive: true })
    writeFileSync(path.join(srcDir, file), text)
  }
  return findBoundaryProblems(srcDir)
}

test('a tree layered shell → module pages → kit passes', () => {
  expect(check()).toEqual([])
})

test('a module page that imports the shell is reported', () => {
  const problems = check({
    'modules/cases/web/CasePage.tsx':
      "import { MODULES } from '../../../web/app/modules.js'\nexport const x = MODULES\n",
  })
  expect(problems).toEqual([
    'src/modules/cases/web/CasePage.tsx imports ../../../web/app/modules.js: a module must not import the shell (src/web/app); use the web kit (src/web/kit)',
  ])
})

test('the shell importing a module page by path is reported, lazily or not', () => {
  const problems = check({
    'web/app/router.tsx': [
      "import { CasePage } from '../../modules/cases/web/CasePage.js'",
      "const Lazy = () => import('../../modules/catalog/web/CatalogBadge.js')",
      'export const routes = [CasePage, Lazy]',
    ].join('\n'),
  })
  expect(problems).toEqual([
    'src/web/app/router.tsx imports ../../modules/cases/web/CasePage.js: the shell imports a module only via its web/index.ts (ModulePages)',
    'src/web/app/router.tsx imports ../../modules/catalog/web/CatalogBadge.js: the shell imports a module only via its web/index.ts (ModulePages)',
  ])
})

test('the shell importing a module’s server code is reported', () => {
  const problems = check({ 'web/app/extra.ts': "export { loadCase } from '../../modules/cases/index.js'\n" })
  expect(problems).toEqual([
    'src/web/app/extra.ts imports ../../modules/cases/index.js: the shell imports a module only via its web/index.ts (ModulePages)',
  ])
})

test('the kit importing a module or the shell is reported', () => {
  const problems = check({
    'web/kit/api.ts': [
      "import { CatalogBadge } from '../../modules/catalog/web/index.js'",
      "import { MODULES } from '../app/modules.js'",
      'export const api = [CatalogBadge, MODULES]',
    ].join('\n'),
  })
  expect(problems).toEqual([
    'src/web/kit/api.ts imports ../../modules/catalog/web/index.js: the web kit must import no module and not the shell',
    'src/web/kit/api.ts imports ../app/modules.js: the web kit must import no module and not the shell',
  ])
})

test('a module page that reaches into another module’s web internals is reported', () => {
  const problems = check({
    'modules/cases/web/CasePage.tsx':
      "import { CatalogBadge } from '../../catalog/web/CatalogBadge.js'\nexport const x = CatalogBadge\n",
  })
  expect(problems).toEqual([
    'src/modules/cases/web/CasePage.tsx imports ../../catalog/web/CatalogBadge.js: import catalog via catalog/web/index.ts',
  ])
})

test('server code of a module importing the web side is reported', () => {
  const problems = check({
    'modules/cases/cases.service.ts': "import { api } from '../../web/kit/api.js'\nexport const x = api\n",
  })
  expect(problems).toEqual([
    'src/modules/cases/cases.service.ts imports ../../web/kit/api.js: server code must not import the web side',
  ])
})
