// DOM building from nodes: text always goes through text nodes, never parsed as HTML.
// h('a', {href: '#/x', class: 'c', on: {click: fn}}, 'text', node, [more], null)
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'on') {
      for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    } else if (k === 'class') {
      el.className = v;
    } else if (k === 'value' || k === 'checked' || k === 'disabled' || k === 'selected') {
      el[k] = v;
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

// A labelled form field: <div class="field"><label for=id>label</label>input<p class=help/><p class=error/></div>
let seq = 0;
export function field(label, input, help) {
  if (!input.id) input.id = 'f' + (++seq);
  const error = h('p', {class: 'error', id: input.id + '-error', 'aria-live': 'polite'});
  const helpEl = help ? h('p', {class: 'help', id: input.id + '-help'}, help) : null;
  input.setAttribute('aria-describedby', [helpEl && helpEl.id, error.id].filter(Boolean).join(' '));
  const wrap = h('div', {class: 'field'}, h('label', {for: input.id}, label), input, helpEl, error);
  wrap.setError = msg => {
    error.textContent = msg || '';
    if (msg) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  };
  return wrap;
}

export function table(headers, rows, caption) {
  return h('table', {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, headers.map(x => h('th', {scope: 'col'}, x)))),
    h('tbody', {}, rows));
}
