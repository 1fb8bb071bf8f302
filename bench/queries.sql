-- The questions of BENCHMARKS.md in SQL, one per "-- name:" block.
-- `dgbench sqlite` substitutes the parameters (@UNIT@, @JUR@, @Y0@, @Y1@) and
-- times each block in the sqlite3 CLI. Placeholders (kind 'placeholder') stay
-- out of co-ownership and networks, as in dutygraph.

-- name: workload
-- One unit's tasks in one year, lead where it leads.
SELECT COUNT(*) AS total, SUM(lead) AS lead, COUNT(*) - SUM(lead) AS cooperate FROM (
  SELECT r.task_id, MAX(r.role = 'lead') AS lead
  FROM roles r JOIN tasks t ON t.id = r.task_id
  WHERE r.unit_id = (SELECT id FROM units WHERE name = '@UNIT@' AND jurisdiction = '@JUR@') AND t.year = @Y1@
  GROUP BY r.task_id);

-- name: workloadChange
-- The unit's workload in two years and the difference.
SELECT t.year, COUNT(*) AS total, SUM(r.role = 'lead') AS lead
FROM roles r JOIN tasks t ON t.id = r.task_id
WHERE r.unit_id = (SELECT id FROM units WHERE name = '@UNIT@' AND jurisdiction = '@JUR@') AND t.year IN (@Y0@, @Y1@)
GROUP BY t.year;

-- name: coOwnership_all
-- coOwnership(limit: 20) over every task.
SELECT a.unit_id, b.unit_id, COUNT(*) AS shared
FROM roles a JOIN roles b ON b.task_id = a.task_id AND a.unit_id < b.unit_id
JOIN units ua ON ua.id = a.unit_id JOIN units ub ON ub.id = b.unit_id
WHERE ua.kind <> 'placeholder' AND ub.kind <> 'placeholder'
GROUP BY a.unit_id, b.unit_id ORDER BY shared DESC, a.unit_id, b.unit_id LIMIT 20;

-- name: coOwnership_year
-- coOwnership(filter: {year}, limit: 20): one year of every jurisdiction.
SELECT a.unit_id, b.unit_id, COUNT(*) AS shared
FROM tasks t JOIN roles a ON a.task_id = t.id JOIN roles b ON b.task_id = t.id AND a.unit_id < b.unit_id
JOIN units ua ON ua.id = a.unit_id JOIN units ub ON ub.id = b.unit_id
WHERE t.year = @Y1@ AND ua.kind <> 'placeholder' AND ub.kind <> 'placeholder'
GROUP BY a.unit_id, b.unit_id ORDER BY shared DESC, a.unit_id, b.unit_id LIMIT 20;

-- name: coOwnership_place_year
-- coOwnership(filter: {jurisdiction, year}, limit: 20): one plan's year of one place.
SELECT a.unit_id, b.unit_id, COUNT(*) AS shared
FROM tasks t JOIN roles a ON a.task_id = t.id JOIN roles b ON b.task_id = t.id AND a.unit_id < b.unit_id
JOIN units ua ON ua.id = a.unit_id JOIN units ub ON ub.id = b.unit_id
WHERE t.jurisdiction = '@JUR@' AND t.year = @Y1@ AND ua.kind <> 'placeholder' AND ub.kind <> 'placeholder'
GROUP BY a.unit_id, b.unit_id ORDER BY shared DESC, a.unit_id, b.unit_id LIMIT 20;

-- name: network
-- network(filter: {jurisdiction, year}): nodes with their counts, then edges.
SELECT r.unit_id, SUM(r.role = 'lead'), SUM(r.role <> 'lead')
FROM tasks t JOIN roles r ON r.task_id = t.id JOIN units u ON u.id = r.unit_id
WHERE t.jurisdiction = '@JUR@' AND t.year = @Y1@ AND u.kind <> 'placeholder'
GROUP BY r.unit_id;
SELECT a.unit_id, b.unit_id, COUNT(*)
FROM tasks t JOIN roles a ON a.task_id = t.id JOIN roles b ON b.task_id = t.id AND a.unit_id < b.unit_id
JOIN units ua ON ua.id = a.unit_id JOIN units ub ON ub.id = b.unit_id
WHERE t.jurisdiction = '@JUR@' AND t.year = @Y1@ AND ua.kind <> 'placeholder' AND ub.kind <> 'placeholder'
GROUP BY a.unit_id, b.unit_id;
