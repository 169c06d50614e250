-- Removing a token cascades to its children through parent_id: without an index each removal scans every live
-- token of every running instance, which is what a county with thousands of open cases pays on each completion.
CREATE INDEX executions_parent_id_idx ON workflow.executions (parent_id);
-- 我已办理 lists a reviewer's completed tasks newest first; the tasks table keeps every task ever done.
CREATE INDEX tasks_completed_by_idx ON workflow.tasks (completed_by, completed_at DESC) WHERE completed_by IS NOT NULL;
