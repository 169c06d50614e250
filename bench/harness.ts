import { performance } from 'node:perf_hooks'

/** One benchmark compared with a baseline implementation doing the same work; times are per operation. */
export type BenchRow = {
  name: string
  baseline: string
  medianMs: number
  p95Ms: number
  baselineMedianMs: number
  baselineP95Ms: number
  /** What the four numbers measure: milliseconds unless said (the web delivery rows count kilobytes). */
  unit?: 'ms' | 'KB'
}

export type MeasureOptions = { iterations: number; warmup: number }

function pickPercentile(sorted: number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)
  return sorted[Math.max(0, index)] as number
}

/** Median and p95 of samples measured elsewhere (e.g. page loads timed by the browser). */
export function summarize(samples: readonly number[]): { medianMs: number; p95Ms: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  return { medianMs: pickPercentile(sorted, 0.5), p95Ms: pickPercentile(sorted, 0.95) }
}

/** Times `fn` one call at a time after `warmup` untimed calls (so the JIT has settled), and returns median and p95. */
export function measure(
  fn: () => unknown,
  { iterations, warmup }: MeasureOptions,
): { medianMs: number; p95Ms: number } {
  for (let i = 0; i < warmup; i++) fn()
  const samples: number[] = []
  for (let i = 0; i < iterations; i++) {
    const start = performance.now()
    fn()
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  return { medianMs: pickPercentile(samples, 0.5), p95Ms: pickPercentile(samples, 0.95) }
}

function formatMs(ms: number): string {
  return ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(3)} ms`
}

function formatValue(value: number, unit: BenchRow['unit']): string {
  return unit === 'KB' ? `${value.toFixed(1)} KB` : formatMs(value)
}

/** A markdown table of the rows; ratio above 1 means ours is faster (or smaller) than the baseline. */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = [
    '| benchmark | median | p95 | baseline | baseline median | baseline p95 | ratio (baseline/ours) |',
    '| --- | ---: | ---: | --- | ---: | ---: | ---: |',
  ]
  const lines = rows.map((row) =>
    [
      '',
      row.name,
      formatValue(row.medianMs, row.unit),
      formatValue(row.p95Ms, row.unit),
      row.baseline,
      formatValue(row.baselineMedianMs, row.unit),
      formatValue(row.baselineP95Ms, row.unit),
      `${(row.baselineMedianMs / row.medianMs).toFixed(1)}×`,
      '',
    ]
      .join(' | ')
      .trim(),
  )
  return [...header, ...lines].join('\n')
}

/** Like `measure`, for asynchronous work: one awaited call at a time. */
export async function measureAsync(
  fn: () => Promise<unknown>,
  { iterations, warmup }: MeasureOptions,
): Promise<{ medianMs: number; p95Ms: number }> {
  for (let i = 0; i < warmup; i++) await fn()
  const samples: number[] = []
  for (let i = 0; i < iterations; i++) {
    const start = performance.now()
    await fn()
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  return { medianMs: pickPercentile(samples, 0.5), p95Ms: pickPercentile(samples, 0.95) }
}
