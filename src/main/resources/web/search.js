/*
 * Enhances the server-rendered search page without changing what it does: the page is one form
 * (the box, dates, sort and every facet checkbox belong to it), and its URL is the whole state.
 * The script fetches the same page the form would and swaps in its changing parts, so a search
 * behaves the same with and without JavaScript. It keeps focus where the user acted, moves to the
 * results after paging, replaces the history entry while typing and pushes one for a search.
 */
(() => {
  const form = document.getElementById('search');
  if (!form) return;
  const input = document.getElementById('q');
  let timer;
  let controller;

  /** The page's URL for the form as it stands (empty fields left out). */
  function formUrl() {
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v !== '') p.append(k, v);
    const s = p.toString();
    return s ? '/?' + s : '/';
  }

  /**
   * Loads `target` and swaps in the parts that change. `history`: 'push', 'replace' or 'none'.
   * `after`: 'keep' (focus stays where it was), 'results' (to the count, scrolled to the top of the
   * results) or 'typing' (the box keeps its text as the user is typing it).
   */
  async function load(target, history, after) {
    if (controller) controller.abort();
    controller = new AbortController();
    const active = document.activeElement;
    const activeId = active && active !== document.body ? active.id : null;
    try {
      const r = await fetch(target, { signal: controller.signal, headers: { Accept: 'text/html' } });
      const doc = new DOMParser().parseFromString(await r.text(), 'text/html');
      for (const id of ['options', 'state']) {
        const fresh = doc.getElementById(id);
        const old = document.getElementById(id);
        if (fresh && old) old.replaceWith(fresh);
      }
      document.title = doc.title;
      const canonical = doc.querySelector('link[rel=canonical]');
      const href = canonical ? canonical.getAttribute('href') : target;
      const mine = document.querySelector('link[rel=canonical]');
      if (mine && canonical) mine.setAttribute('href', href);
      if (history === 'push') window.history.pushState(null, '', href);
      if (history === 'replace') window.history.replaceState(null, '', href);
      if (after !== 'typing') {
        input.value = new URLSearchParams(href.split('?')[1] || '').get('q') || '';
      }
      if (after === 'results') {
        const count = document.getElementById('count');
        count.focus({ preventScroll: true });
        count.scrollIntoView({ block: 'start' });
      } else if (activeId && !document.body.contains(active)) {
        // The element the user acted on was replaced by its fresh copy: focus that copy.
        const again = document.getElementById(activeId);
        if (again) again.focus();
      }
    } catch (e) {
      if (e.name !== 'AbortError') location.href = target;
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    load(formUrl(), 'push', 'keep');
  });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    // One history entry however slowly the words are typed: each pause replaces it.
    timer = setTimeout(() => load(formUrl(), 'replace', 'typing'), 300);
    suggest(input.value);
  });
  document.addEventListener('change', (e) => {
    const t = e.target;
    if (t === input || !t.form || t.form !== form) return;
    load(formUrl(), 'push', 'keep');
  });
  document.addEventListener('click', (e) => {
    const a = e.target.closest('#state a[href^="/?"], #state a[href="/"]');
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    load(a.getAttribute('href'), 'push', a.closest('.pager, .active, .notices, .without') ? 'results' : 'keep');
  });
  // The skip link goes straight to the first result (without the script: to the list of them).
  const skip = document.querySelector('a.skip[href="#results"]');
  if (skip) {
    skip.addEventListener('click', (e) => {
      const first = document.querySelector('#results a');
      if (first) {
        e.preventDefault();
        first.focus();
      }
    });
  }
  window.addEventListener('popstate', () => load(location.pathname + location.search, 'none', 'keep'));

  // Autocomplete through a datalist: the browser handles keyboard and screen readers.
  const list = document.createElement('datalist');
  list.id = 'suggestions';
  form.appendChild(list);
  input.setAttribute('list', 'suggestions');
  async function suggest(q) {
    if (q.trim().length < 2) return;
    try {
      const r = await fetch('/api/suggest?limit=6&q=' + encodeURIComponent(q));
      if (!r.ok) return;
      const body = await r.json();
      list.replaceChildren(
        ...body.suggestions.map((s) => {
          const o = document.createElement('option');
          o.value = s.text;
          return o;
        }),
      );
    } catch (e) {
      /* suggestions are a nicety */
    }
  }
})();
