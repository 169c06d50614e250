ALTER TABLE cases.item_processes ADD COLUMN variables jsonb NOT NULL DEFAULT '{}';
COMMENT ON COLUMN cases.item_processes.variables IS 'Process variables every case of the item starts with (e.g. reviewDepartments of a parallel approval)';
