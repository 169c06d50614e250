CREATE TABLE platform.calendar_days (
  day date PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('workday', 'holiday')),
  name text NOT NULL,
  source text NOT NULL CHECK (source IN ('chinese-days', 'override')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text
);
COMMENT ON TABLE platform.calendar_days IS '工作日历: days whose status differs from, or is named beyond, plain Monday–Friday (holidays, 调休 make-up workdays)';
COMMENT ON COLUMN platform.calendar_days.day IS 'The calendar day (Asia/Shanghai)';
COMMENT ON COLUMN platform.calendar_days.kind IS 'workday (a working day, e.g. a 调休 Saturday) or holiday (no work, e.g. 国庆节 on a Wednesday)';
COMMENT ON COLUMN platform.calendar_days.name IS 'The festival the day belongs to, e.g. 春节; for a make-up workday the festival it makes up for';
COMMENT ON COLUMN platform.calendar_days.source IS 'chinese-days (seeded from the npm package; a sync may rewrite it) or override (entered by the centre; a sync never touches it)';
COMMENT ON COLUMN platform.calendar_days.updated_at IS 'When the row was last written';
COMMENT ON COLUMN platform.calendar_days.updated_by IS 'Account id of the staff member who entered the override; null for seeded rows';

CREATE TABLE platform.calendar_years (
  year integer PRIMARY KEY CHECK (year BETWEEN 1990 AND 2200),
  published boolean NOT NULL,
  source text NOT NULL CHECK (source IN ('chinese-days', 'override')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text
);
COMMENT ON TABLE platform.calendar_years IS 'Years whose holiday arrangement (国务院办公厅关于部分节假日安排的通知) is published; working days are counted only in published years';
COMMENT ON COLUMN platform.calendar_years.year IS 'The calendar year';
COMMENT ON COLUMN platform.calendar_years.published IS 'True once every holiday and make-up workday of the year is in calendar_days';
COMMENT ON COLUMN platform.calendar_years.source IS 'chinese-days (the package covers the year) or override (declared by the centre; a sync never touches it)';
COMMENT ON COLUMN platform.calendar_years.updated_at IS 'When the row was last written';
COMMENT ON COLUMN platform.calendar_years.updated_by IS 'Account id of the staff member who declared the year; null for seeded rows';
