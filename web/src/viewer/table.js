// A sortable table: the reviewer's ranked lists beside the picture.
// Clicking a header sorts by it (again: the other way); clicking a row
// selects what it stands for in the graph.

// ROW_LIMIT rows are shown: a national network has a hundred thousand
// pairs, and past a few hundred rows a list is not read but searched.
const ROW_LIMIT = 200;

// compareBy orders rows by a column, numbers high first by default, text
// in the reader's collation; ties keep the rows' own order.
function compareBy(column, descending) {
  const sign = descending ? -1 : 1;
  return (a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    if (typeof x === 'number' || typeof y === 'number') return sign * ((x ?? -Infinity) - (y ?? -Infinity));
    return sign * String(x ?? '').localeCompare(String(y ?? ''), 'zh-CN');
  };
}

// parseSort reads "key" (ascending) or "-key" (descending).
export function parseSort(text, columns, fallback) {
  const descending = text.startsWith('-');
  const key = descending ? text.slice(1) : text;
  return columns.some((c) => c.key === key) ? { key, descending } : fallback;
}

// renderTable builds the table. spec: {name, columns: [{key, label, value(row),
// format?(row), numeric?}], rows, rowKey(row), sort: {key, descending},
// selected (a row key), onSort(sortText), onSelect(row), note?}.
export function renderTable(spec) {
  const column = spec.columns.find((c) => c.key === spec.sort.key) || spec.columns[0];
  const rows = [...spec.rows].sort(compareBy(column, spec.sort.descending));
  const wrap = document.createElement('div');
  wrap.className = 'table-wrap';
  const table = document.createElement('table');
  table.className = 'ranked';
  table.dataset.table = spec.name;
  table.dataset.rows = String(rows.length);
  const head = table.createTHead().insertRow();
  for (const c of spec.columns) {
    const th = document.createElement('th');
    th.textContent = c.label;
    th.dataset.key = c.key;
    if (c.numeric) th.className = 'num';
    if (c.key === column.key) th.setAttribute('aria-sort', spec.sort.descending ? 'descending' : 'ascending');
    th.addEventListener('click', () => {
      const descending = c.key === column.key ? !spec.sort.descending : c.numeric === true;
      spec.onSort(`${descending ? '-' : ''}${c.key}`);
    });
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows.slice(0, ROW_LIMIT)) {
    const tr = body.insertRow();
    tr.dataset.key = spec.rowKey(row);
    if (tr.dataset.key === spec.selected) tr.className = 'selected';
    for (const c of spec.columns) {
      const td = tr.insertCell();
      const shown = c.format ? c.format(row) : c.value(row);
      td.textContent = shown === null || shown === undefined ? '–' : String(shown);
      if (c.numeric) td.className = 'num';
    }
    tr.addEventListener('click', () => spec.onSelect(row));
  }
  wrap.append(table);
  const notes = [];
  if (rows.length > ROW_LIMIT) notes.push(`显示前 ${ROW_LIMIT} 行，共 ${rows.length} 行 (first ${ROW_LIMIT} of ${rows.length} rows)`);
  if (spec.note) notes.push(spec.note);
  if (notes.length > 0) {
    const p = document.createElement('p');
    p.className = 'hint';
    p.textContent = notes.join(' · ');
    wrap.append(p);
  }
  return wrap;
}
