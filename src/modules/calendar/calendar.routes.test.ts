import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loginAs, type Session, startTestApp, type TestApp } from '../../test-support/test-app.js'

let tongban: TestApp
let manager: Session
beforeAll(async () => {
  tongban = await startTestApp()
  manager = await loginAs(tongban, 'chenjing')
})
afterAll(() => tongban.close())

async function listAuditActions(target: string): Promise<string[]> {
  const { rows } = await tongban.db.query<{ action: string }>(
    'SELECT action FROM audit.records WHERE target = $1 ORDER BY seq',
    [target],
  )
  return rows.map((row) => row.action)
}

describe('the public year view', () => {
  test('anyone sees the 2026 holidays and make-up workdays with their names', async () => {
    const response = await tongban.app.inject({ method: 'GET', url: '/api/calendar/years/2026' })

    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body).toMatchObject({ year: 2026, published: true })
    expect(body.days).toContainEqual(expect.objectContaining({ day: '2026-02-14', kind: 'workday', name: '春节' }))
    expect(body.days).toContainEqual(expect.objectContaining({ day: '2026-10-01', kind: 'holiday', name: '国庆节' }))
  })

  test('a year not yet published says so and lists no days', async () => {
    const response = await tongban.app.inject({ method: 'GET', url: '/api/calendar/years/2028' })

    expect(response.json()).toEqual({ year: 2028, published: false, source: null, days: [] })
  })
})

describe('overrides by the centre manager', () => {
  test('a manager marks a day a holiday; the calendar counts it at once and the change is audited', async () => {
    const before = tongban.services.calendar.addWorkingDays('2026-11-05', 1)

    const response = await manager.request({
      method: 'PUT',
      url: '/api/calendar/days/2026-11-06',
      payload: { kind: 'holiday', name: '地方调休' },
    })

    expect(before).toBe('2026-11-06')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ day: '2026-11-06', kind: 'holiday', source: 'override' })
    expect(tongban.services.calendar.addWorkingDays('2026-11-05', 1)).toBe('2026-11-09')
    expect(await listAuditActions('calendar-day:2026-11-06')).toEqual(['calendar.day.override'])
  })

  test('removing the override restores the normal working day, and removing it twice is a 404', async () => {
    await manager.request({
      method: 'PUT',
      url: '/api/calendar/days/2026-11-13',
      payload: { kind: 'holiday', name: '测试' },
    })

    const removed = await manager.request({ method: 'DELETE', url: '/api/calendar/days/2026-11-13' })
    const again = await manager.request({ method: 'DELETE', url: '/api/calendar/days/2026-11-13' })

    expect(removed.statusCode).toBe(204)
    expect(tongban.services.calendar.isWorkingDay('2026-11-13')).toBe(true)
    expect(again.statusCode).toBe(404)
    expect(again.json().code).toBe('CALENDAR_OVERRIDE_NOT_FOUND')
  })

  test('2027 counts only after the manager enters its days and declares it published', async () => {
    const refused = () => tongban.services.calendar.addWorkingDays('2026-12-31', 1)
    expect(refused).toThrow('2027 年的节假日安排尚未发布，无法计算工作日')

    await manager.request({
      method: 'PUT',
      url: '/api/calendar/days/2027-01-01',
      payload: { kind: 'holiday', name: '元旦' },
    })
    const published = await manager.request({
      method: 'POST',
      url: '/api/calendar/years',
      payload: { year: 2027, published: true },
    })

    expect(published.statusCode).toBe(200)
    expect(published.json()).toEqual({ year: 2027, published: true, source: 'override' })
    expect(tongban.services.calendar.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04')
    expect(await listAuditActions('calendar-year:2027')).toEqual(['calendar.year.publish'])
  })

  test('a day that does not exist or a body with extra fields is a 400 in Chinese', async () => {
    const badDay = await manager.request({
      method: 'PUT',
      url: '/api/calendar/days/2026-02-30',
      payload: { kind: 'holiday', name: '无' },
    })
    const extra = await manager.request({
      method: 'PUT',
      url: '/api/calendar/days/2026-03-02',
      payload: { kind: 'holiday', name: '无', source: 'chinese-days' },
    })

    expect(badDay.statusCode).toBe(400)
    expect(badDay.json()).toMatchObject({
      code: 'CALENDAR_INVALID_DAY',
      message: expect.stringContaining('日期格式不正确'),
    })
    expect(extra.statusCode).toBe(400)
  })
})

describe('who may change the calendar', () => {
  test('a window clerk is refused and an anonymous caller must log in', async () => {
    const clerk = await loginAs(tongban, 'zhangmin')

    const byClerk = await clerk.request({
      method: 'PUT',
      url: '/api/calendar/days/2026-11-20',
      payload: { kind: 'holiday', name: '无' },
    })
    const anonymous = await tongban.app.inject({
      method: 'POST',
      url: '/api/calendar/years',
      payload: { year: 2028, published: true },
    })

    expect(byClerk.statusCode).toBe(403)
    expect(anonymous.statusCode).toBe(401)
    expect(tongban.services.calendar.isWorkingDay('2026-11-20')).toBe(true)
  })
})
