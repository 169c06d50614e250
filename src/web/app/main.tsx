import '../styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { RouterProvider } from 'react-router-dom'
import { AppProviders } from './AppProviders.js'
import { i18nReady } from './i18n/index.js'
import { router } from './router.js'

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')

const root = container
// A Chinese page renders at once; one remembered as English waits for its messages (a separate chunk).
void i18nReady.then(() =>
  createRoot(root).render(
    <StrictMode>
      <AppProviders>
        <RouterProvider router={router} />
      </AppProviders>
    </StrictMode>,
  ),
)
