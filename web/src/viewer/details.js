// The details panel: what is selected (a unit, a pair, a community) and
// the plan tasks behind it, loaded from the API when asked for.
import { KIND_LABELS } from './style.js';
import { renderTasks, sharedTasks, unitTasks } from './tasks.js';

const panel = document.getElementById('details');

export function paragraph(cls, text) {
  const p = document.createElement('p');
  p.className = cls;
  p.textContent = text;
  return p;
}

export function heading(text, sub) {
  const h = document.createElement('h2');
  h.textContent = text;
  if (sub) {
    const s = document.createElement('small');
    s.textContent = sub;
    h.append(' ', s);
  }
  return h;
}

function button(text, name, onClick, disabled = false) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.dataset.action = name;
  b.disabled = disabled;
  b.addEventListener('click', onClick);
  return b;
}

export function link(href, text, name) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  a.dataset.export = name;
  return a;
}

// show replaces the panel with a heading and, once loaded, a body; a
// slower answer for an earlier click is dropped.
let generation = 0;
async function show(head, load, unitID = '') {
  const mine = ++generation;
  panel.dataset.unitId = unitID;
  panel.replaceChildren(...head, paragraph('hint', '加载中… loading'));
  panel.dataset.state = 'loading';
  try {
    const body = await load();
    if (mine !== generation) return;
    panel.replaceChildren(...head, ...body);
    panel.dataset.state = 'ready';
  } catch (err) {
    if (mine !== generation) return;
    panel.replaceChildren(...head, paragraph('error', err.message));
    panel.dataset.state = 'error';
  }
}

export function clear(hint) {
  generation++;
  panel.dataset.unitId = '';
  panel.dataset.state = '';
  panel.replaceChildren(paragraph('hint', hint));
}

export function showList(head, items) {
  generation++;
  panel.dataset.unitId = '';
  panel.replaceChildren(...head, ...items);
  panel.dataset.state = 'ready';
}

// workloadLinks offers a unit's tasks under the filter as a spreadsheet.
function workloadLinks(unit, filter) {
  const q = new URLSearchParams({ unit: unit.name, jurisdiction: unit.jurisdiction });
  if (filter.year) q.set('year', String(filter.year));
  if (filter.role) q.set('role', filter.role.toLowerCase());
  const p = document.createElement('p');
  p.className = 'exports';
  p.append('导出任务 export: ', link(`/export/workload.xlsx?${q}`, 'XLSX', 'workload-xlsx'), ' · ', link(`/export/workload.csv?${q}`, 'CSV', 'workload-csv'));
  return p;
}

// showUnit lists a unit's tasks under the filter, with the controls that
// grow or shrink its highlighted neighbourhood one step at a time.
// attr are the node's attributes; extra is a line for the summary
// (community, change); neighbourhood is {depth, size, expand, collapse}.
export function showUnit(attr, extra, filter, neighbourhood) {
  const unit = attr.unit;
  const aka = unit.aliases.length > 0 ? ` · 又称 ${unit.aliases.join('、')}` : '';
  const steps = document.createElement('p');
  steps.className = 'steps';
  steps.dataset.depth = String(neighbourhood.depth);
  steps.append(
    `邻域 neighbourhood: ${neighbourhood.depth} 步 steps, ${neighbourhood.size} 个单位 units `,
    button('展开 expand +1', 'expand', neighbourhood.expand, !neighbourhood.canExpand),
    ' ',
    button('收起 collapse −1', 'collapse', neighbourhood.collapse, neighbourhood.depth <= 1),
  );
  const head = [
    heading(unit.name, `${unit.jurisdiction} · ${KIND_LABELS[unit.kind] || unit.kind}`),
    paragraph('summary', `主办 lead ${attr.lead} · 协办 cooperate ${attr.cooperate} · 共 total ${attr.total}${extra}${aka}`),
    steps,
    workloadLinks(unit, filter),
  ];
  show(head, async () => {
    const tasks = await unitTasks(unit, filter);
    return [paragraph('count', `${tasks.length} 项任务 tasks`), renderTasks(tasks, [unit.id])];
  }, unit.id);
}

// showPair lists the tasks two units share: in compare mode, in each year.
export function showPair(a, b, sharedLine, filters) {
  const head = [heading(`${a.name} ⇄ ${b.name}`, sharedLine)];
  show(head, async () => {
    const body = [];
    for (const f of filters) {
      const tasks = await sharedTasks(a, b, f);
      const when = filters.length > 1 ? `${f.year} 年 ` : '';
      body.push(paragraph('count', `${when}${tasks.length} 项共担任务 shared tasks`), renderTasks(tasks, [a.id, b.id]));
    }
    return body;
  });
}
