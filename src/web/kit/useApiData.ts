import { useCallback, useEffect, useState } from 'react'

export type ApiData<T> = {
  data: T | undefined
  error: unknown
  isLoading: boolean
  reload: () => void
}

/** Loads data once per change of `key`, with loading and error states; aborts when the page goes away. */
export function useApiData<T>(load: (signal: AbortSignal) => Promise<T>, key: string): ApiData<T> {
  const [data, setData] = useState<T | undefined>(undefined)
  const [error, setError] = useState<unknown>(undefined)
  const [isLoading, setIsLoading] = useState(true)
  const [attempt, setAttempt] = useState(0)

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` fetches; `attempt` forces a reload.
  useEffect(() => {
    const controller = new AbortController()
    setIsLoading(true)
    setError(undefined)
    load(controller.signal)
      .then((value) => {
        if (controller.signal.aborted) return
        setData(value)
        setIsLoading(false)
      })
      .catch((cause: unknown) => {
        if (controller.signal.aborted) return
        setError(cause)
        setIsLoading(false)
      })
    return () => controller.abort()
  }, [key, attempt])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { data, error, isLoading, reload }
}
