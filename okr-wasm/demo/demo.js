// okr-wasm demo: the example company's alignment tree, check-ins, live goal linting and
// key-result suggestions for an objective.
// Served from the repository root (okr-wasm/tests/server.mjs): the web build is at
// ../pkg/web/okr_wasm.js and the example document at ../../examples/acme.okr.json.
import init, { Graph, formatPercent, lintText, loadKpiCatalog, suggestKeyResults } from '../pkg/web/okr_wasm.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const asOf = params.get('asOf') || new Date().toISOString().slice(0, 10);
// okr-core's percentage format (as `okr report` prints it; "undefined" for an undefined figure).
const pct = formatPercent;

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'style') e.style.cssText = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

function row(node, extra) {
  const bar = el('span', { class: 'bar', title: `expected ${pct(node.expected)}` },
    el('span', { class: `fill ${node.status}`, style: `width:${(node.progress ?? 0) * 100}%` }),
    el('span', { class: 'expected', style: `left:${node.expected * 100}%` }));
  const status = el('span', { class: `status ${node.status}` }, node.status.replace('_', ' '));
  const title = el('span', { class: 'title' }, node.title);
  const r = el('div', { class: 'row' }, bar, el('span', { class: 'pct' }, pct(node.progress)), status, title);
  if (extra) r.append(extra);
  // what blocks it and why, in the report's words ("blocked by x (off track)")
  if (node.blocked) {
    const by = (node.blockers ?? []).map((b) => `${b.id} (${b.reason.replace('_', ' ')})`).join(', ');
    r.append(el('span', { class: 'blocked' }, `blocked by ${by}`));
  }
  return r;
}

let graph;

function render() {
  const report = graph.report(asOf);
  const nodes = new Map(report.nodes.map((n) => [n.id, n]));
  const objectiveIds = new Set(report.nodes.filter((n) => n.kind === 'objective').map((n) => n.id));

  const build = (id) => {
    const n = nodes.get(id);
    const parents = n.parents ?? [];
    const multi = parents.length > 1 ? el('span', { class: 'multi' }, `⇉ ${parents.length} parents`) : null;
    const li = el('li', { class: 'obj', 'data-id': id, 'data-progress': String(n.progress), 'data-status': n.status, 'data-blocked': String(n.blocked) },
      row(n, multi));
    const ul = el('ul');
    for (const kr of graph.keyResultsOf(id)) {
      const k = nodes.get(kr.id);
      ul.append(el('li', { class: 'kr', 'data-id': kr.id, 'data-progress': String(k.progress), 'data-status': k.status, 'data-blocked': String(k.blocked) },
        row(k)));
    }
    for (const child of graph.childrenOf(id)) {
      if (objectiveIds.has(child.id)) ul.append(build(child.id));
    }
    if (ul.childElementCount) li.append(ul);
    return li;
  };
  const top = el('ul');
  for (const id of graph.roots()) top.append(build(id));
  $('tree').replaceChildren(top);

  const counts = {};
  for (const n of report.nodes) if (n.kind === 'objective') counts[n.status] = (counts[n.status] ?? 0) + 1;
  $('summary').textContent = Object.entries(counts).map(([s, c]) => `${c} ${s.replace('_', ' ')}`).join(', ');
}

function fillKeyResults() {
  const select = $('kr');
  const keep = select.value;
  select.replaceChildren();
  for (const kr of graph.keyResults()) {
    if (kr.measure.kind !== 'numeric' && kr.measure.kind !== 'threshold') continue;
    const unit = kr.measure.unit ? ` (${kr.measure.unit})` : '';
    select.append(el('option', { value: kr.id }, `${kr.id}${unit}`));
  }
  if (keep) select.value = keep;
}

function lint() {
  const text = $('lint-input').value;
  const out = $('lint-out');
  if (!text.trim()) {
    out.replaceChildren();
    $('lint-flags').textContent = '';
    return;
  }
  try {
    const r = lintText(text, 'goal', { today: asOf });
    const flag = (name, ok) => `${ok ? '✔' : '✘'} ${name}`;
    $('lint-flags').textContent = [flag('specific', r.specific), flag('measurable', r.measurable),
      flag('time-bound', r.timeBound)].join('  ');
    out.replaceChildren(...r.diagnostics.map((d) => el('li', { class: `sev-${d.severity}`, 'data-code': d.code },
      el('span', { class: 'code' }, d.code), ` ${d.message}`, d.help ? el('div', { class: 'muted' }, d.help) : '')));
  } catch (e) {
    out.replaceChildren(el('li', { class: 'sev-error' }, `${e.name}: ${e.message}`));
  }
}

function suggest() {
  const text = $('objective-input').value;
  const fn = $('objective-function').value;
  const out = $('suggestions');
  if (!text.trim()) {
    out.replaceChildren();
    return;
  }
  try {
    const found = suggestKeyResults(text, { function: fn || undefined, top: 5 });
    out.replaceChildren(...found.map((s) => {
      const why = s.matched.length ? `matched: ${s.matched.join(', ')}` : `tracked alongside ${s.companionOf}`;
      return el('li', { 'data-template': s.templateId },
        el('span', { class: 'metric' }, s.metric), ` (${s.direction.replace('_', ' ')}, ${s.unit})`,
        el('div', {}, s.phrasing), el('div', { class: 'muted' }, why));
    }));
  } catch (e) {
    out.replaceChildren(el('li', { class: 'sev-error' }, `${e.name}: ${e.message}`));
  }
}

async function main() {
  await init();
  // The KPI catalog is data shipped beside the wasm; load it once before suggesting.
  loadKpiCatalog(await (await fetch('../pkg/web/kpi_catalog.json')).text());
  const doc = await (await fetch('../../examples/acme.okr.json')).text();
  graph = Graph.fromJson(doc);
  $('as-of').textContent = asOf;
  $('at').value = asOf;
  $('company').textContent = graph.owners().find((o) => !o.parent)?.name ?? 'OKRs';
  fillKeyResults();
  $('kr').addEventListener('change', () => {
    const latest = graph.checkIns($('kr').value).at(-1);
    $('value').value = latest?.value ?? '';
  });
  $('kr').dispatchEvent(new Event('change'));
  $('checkin').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const msg = $('checkin-msg');
    try {
      graph.checkIn($('kr').value, { at: $('at').value, value: Number($('value').value), author: 'demo' });
      msg.className = 'muted';
      msg.textContent = `Checked in ${$('value').value} on ${$('kr').value}.`;
      render();
    } catch (e) {
      msg.className = 'error';
      msg.textContent = `${e.name} (${e.code}): ${e.message}`;
    }
  });
  $('lint-input').addEventListener('input', lint);
  $('suggest-form').addEventListener('submit', (ev) => ev.preventDefault());
  $('objective-input').addEventListener('input', suggest);
  $('objective-function').addEventListener('change', suggest);
  render();
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  document.body.dataset.ready = 'error';
  $('tree').textContent = `Failed to start: ${e.name}: ${e.message}`;
  console.error(e);
});
