import { gql } from '../api.js';

// Task pages hold at most 100 tasks (the server's maximum).
const PAGE = 100;

const TASK_PAGE = `
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id number text year jurisdiction
        plan { id title year }
        section { number title }
        leads { id name }
        cooperators { id name }
      }
    }`;

const UNIT_TASKS = `
query UnitTasks($name: String!, $jurisdiction: String, $year: Int, $role: Role, $after: String) {
  unit(name: $name, jurisdiction: $jurisdiction) {
    tasks(year: $year, role: $role, first: ${PAGE}, after: $after) {${TASK_PAGE}
    }
  }
}`;

const SHARED_TASKS = `
query SharedTasks($units: [ID!]!, $jurisdiction: String, $year: Int, $role: Role, $after: String) {
  tasks(filter: {sharedBy: $units, jurisdiction: $jurisdiction, year: $year, role: $role}, first: ${PAGE}, after: $after) {${TASK_PAGE}
  }
}`;

// allPages follows a task connection's cursors to its end; connection
// picks the connection out of a page's data.
async function allPages(query, variables, connection) {
  const tasks = [];
  let after = null;
  for (;;) {
    const conn = connection(await gql(query, { ...variables, after }));
    for (const { node } of conn.edges) tasks.push(node);
    if (!conn.pageInfo.hasNextPage) return tasks;
    after = conn.pageInfo.endCursor;
  }
}

// unitTasks fetches every task of a unit under the viewer's filter. The
// schema filters a unit's tasks by year and role; the plan's jurisdiction is
// filtered here, since a city unit (市发改委) can be named in a district plan.
// The unit is looked up by name in its own jurisdiction, which is unique.
export async function unitTasks(unit, filter) {
  const tasks = await allPages(
    UNIT_TASKS,
    { name: unit.name, jurisdiction: unit.jurisdiction, year: filter.year || null, role: filter.role || null },
    (data) => data.unit.tasks,
  );
  return tasks.filter((t) => !filter.jurisdictionPath || t.jurisdiction === filter.jurisdictionPath);
}

// roleOf is a unit's role in a task: LEAD wins when it is both.
export function roleOf(task, unitID) {
  if (task.leads.some((u) => u.id === unitID)) return 'LEAD';
  if (task.cooperators.some((u) => u.id === unitID)) return 'COOPERATOR';
  return null;
}

// sharedTasks is what both units of an edge take part in (each in the
// filter's role, when one is set): the co-ownership the edge's width shows,
// asked of the server by the two units' IDs.
export async function sharedTasks(a, b, filter) {
  return allPages(
    SHARED_TASKS,
    {
      units: [a.id, b.id],
      jurisdiction: filter.jurisdictionPath || null,
      year: filter.year || null,
      role: filter.role || null,
    },
    (data) => data.tasks,
  );
}

const ROLE_LABEL = { LEAD: '主办', COOPERATOR: '协办' };

// chineseNumber writes a section number as the plans do (一, 十二).
export function chineseNumber(n) {
  const d = '〇一二三四五六七八九';
  if (!Number.isInteger(n) || n <= 0 || n > 99) return String(n);
  if (n < 10) return d[n];
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : d[tens]}十${n % 10 === 0 ? '' : d[n % 10]}`;
}

// renderTasks lists tasks as the details panel shows them: number, plan,
// section, text, the role of each given unit, and the partners.
export function renderTasks(tasks, focusIDs) {
  const list = document.createElement('ol');
  list.className = 'tasks';
  list.dataset.count = String(tasks.length);
  for (const t of tasks) {
    const li = document.createElement('li');
    li.className = 'task';
    li.dataset.taskId = t.id;
    const head = document.createElement('div');
    head.className = 'task-head';
    const section = t.section ? ` · ${chineseNumber(t.section.number)}、${t.section.title}` : '';
    const roles = focusIDs.map((id) => ROLE_LABEL[roleOf(t, id)] || '').filter(Boolean);
    // The plans' titles run to thirty characters; the list names the plan
    // by jurisdiction and year and keeps the title for hovering.
    head.textContent = `${t.jurisdiction} ${t.year}年方案 第${t.number}项${section}`;
    head.title = t.plan.title || t.plan.id;
    if (roles.length > 0) {
      const badge = document.createElement('span');
      badge.className = 'role';
      badge.textContent = roles.join(' / ');
      head.append(' ', badge);
    }
    const text = document.createElement('p');
    text.className = 'task-text';
    text.textContent = t.text;
    const partners = document.createElement('p');
    partners.className = 'partners';
    const others = (us, role) => us.filter((u) => !focusIDs.includes(u.id)).map((u) => `${u.name}(${role})`);
    const names = [...others(t.leads, '主办'), ...others(t.cooperators, '协办')];
    partners.textContent = names.length > 0 ? `合作单位 partners: ${names.join('、')}` : '无其他单位 no partners';
    li.append(head, text, partners);
    list.append(li);
  }
  return list;
}
