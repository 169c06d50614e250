import { describe, expect, test } from 'vitest'
import { buildWorkingDays, readPackageCalendar } from '../../platform/calendar/index.js'
import { buildCaseClock, buildWarningLevel } from './case-clock.js'

const source = readPackageCalendar()
const calendar = buildWorkingDays(source.days, source.years)

describe('the case clock on China’s working-day calendar', () => {
  test('a case accepted on Friday 2025-09-26 with 5 working days is due on 2025-10-10 (09-28 is a make-up workday, 10-01…08 holidays)', () => {
    const clock = buildCaseClock(calendar, { acceptedOn: '2025-09-26', limitDays: 5, pauses: [], today: '2025-09-26' })

    expect(clock.clockStartsOn).toBe('2025-09-28')
    expect(clock.dueOn).toBe('2025-10-10')
    expect(clock.daysLeft).toBe(5)
  })

  test('a supplement pause of 3 working days moves the due day to 2025-10-14 (10-11 is a make-up workday)', () => {
    const clock = buildCaseClock(calendar, {
      acceptedOn: '2025-09-26',
      limitDays: 5,
      // Requested on Sunday 09-28 (a workday, counted); the applicant supplemented on 10-09.
      pauses: [{ from: '2025-09-29', to: '2025-10-09' }],
      today: '2025-10-09',
    })

    expect(clock.dueOn).toBe('2025-10-14')
    expect(clock.daysUsed).toBe(1)
    expect(clock.daysLeft).toBe(4)
  })

  test('while the applicant has not supplemented yet, the due day keeps moving and the clock reads paused', () => {
    const clock = buildCaseClock(calendar, {
      acceptedOn: '2025-09-26',
      limitDays: 5,
      pauses: [{ from: '2025-09-29', to: null }],
      today: '2025-09-30',
    })

    expect(clock.isPaused).toBe(true)
    expect(clock.dueOn).toBe('2025-10-13')
  })

  test('the statutory limit is counted on the same calendar and pauses', () => {
    const clock = buildCaseClock(calendar, {
      acceptedOn: '2025-09-26',
      limitDays: 5,
      statutoryDays: 20,
      pauses: [],
      today: '2025-09-26',
    })

    expect(clock.statutoryDueOn).toBe('2025-10-30')
  })

  test('one working day left of five is yellow, past the due day is red', () => {
    const lastDay = buildCaseClock(calendar, {
      acceptedOn: '2025-09-26',
      limitDays: 5,
      pauses: [],
      today: '2025-10-09',
    })
    const overdue = buildCaseClock(calendar, {
      acceptedOn: '2025-09-26',
      limitDays: 5,
      pauses: [],
      today: '2025-10-11',
    })
    const early = buildCaseClock(calendar, { acceptedOn: '2025-09-26', limitDays: 5, pauses: [], today: '2025-09-29' })

    expect(lastDay.warningLevel).toBe('yellow')
    expect(overdue.warningLevel).toBe('red')
    expect(overdue.daysLeft).toBeLessThan(0)
    expect(early.warningLevel).toBe('none')
  })

  test('a limit reaching into a year whose holidays are not yet published counts Monday–Friday there, marked provisional', () => {
    const lastPublished = Math.max(...source.years)
    const clock = buildCaseClock(calendar, {
      acceptedOn: `${lastPublished}-12-24`,
      limitDays: 20,
      pauses: [],
      today: `${lastPublished}-12-24`,
    })

    expect(clock.isProvisional).toBe(true)
    expect(clock.dueOn > `${lastPublished + 1}-01-01`).toBe(true)
  })

  test('the yellow share is configurable', () => {
    expect(buildWarningLevel(10, 4, false, 0.2)).toBe('none')
    expect(buildWarningLevel(10, 4, false, 0.5)).toBe('yellow')
  })
})
