-- The straightforward relational schema dutygraph's answers are compared
-- with: the rows `dgbench csv` writes, imported as they are, with the indexes
-- the queries in queries.sql use.
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE units (id TEXT PRIMARY KEY, jurisdiction TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL);
CREATE TABLE tasks (id TEXT PRIMARY KEY, plan_id TEXT NOT NULL, jurisdiction TEXT NOT NULL, year INTEGER NOT NULL, number INTEGER NOT NULL);
-- One row per unit and task; role is 'lead' or 'cooperator'.
CREATE TABLE roles (task_id TEXT NOT NULL, unit_id TEXT NOT NULL, role TEXT NOT NULL);
.mode csv
.import units.csv units
.import tasks.csv tasks
.import roles.csv roles
CREATE INDEX roles_unit ON roles (unit_id, task_id, role);
CREATE INDEX roles_task ON roles (task_id, unit_id);
CREATE INDEX tasks_jur_year ON tasks (jurisdiction, year);
CREATE INDEX units_name ON units (name, jurisdiction);
ANALYZE;
