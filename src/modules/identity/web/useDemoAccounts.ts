import { ApiError, api } from '../../../web/kit/api.js'
import type { DemoAccount } from '../../../web/kit/types.js'
import { type ApiData, useApiData } from '../../../web/kit/useApiData.js'

/** The demo accounts, or null when the server is not in demo mode (the route answers 404). */
export function useDemoAccounts(): ApiData<DemoAccount[] | null> {
  return useApiData(async (signal) => {
    try {
      return await api.get<DemoAccount[]>('/api/demo/accounts', { quiet: true, signal })
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null
      throw error
    }
  }, 'demo-accounts')
}
