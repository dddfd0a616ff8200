/*
 * Enhances the server-rendered search page: search as you type, facet and page links without full
 * reloads, every state in the URL (back and forward work), and autocomplete. Without JavaScript
 * the page works as plain forms and links.
 */
(() => {
  const main = document.getElementById('main');
  let timer;
  let controller;

  async function load(url, push) {
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const r = await fetch(url, { signal: controller.signal, headers: { 'X-Requested-With': 'fetch' } });
      const html = await r.text();
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const fresh = doc.querySelector('.layout');
      const old = main.querySelector('.layout');
      if (fresh && old) old.replaceWith(fresh);
      document.title = doc.title;
      if (push) history.pushState(null, '', url);
    } catch (e) {
      if (e.name !== 'AbortError') location.href = url;
    }
  }

  function formUrl(form) {
    return '/?' + new URLSearchParams(new FormData(form)).toString();
  }

  const form = main.querySelector('form.search');
  if (!form) return;
  const input = form.querySelector('input[name=q]');

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    load(formUrl(form), true);
  });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => load(formUrl(form), true), 300);
    suggest(input.value);
  });
  main.addEventListener('change', (e) => {
    const facets = e.target.closest('form.facet-form');
    if (facets) load(formUrl(facets), true);
  });
  main.addEventListener('submit', (e) => {
    const facets = e.target.closest('form.facet-form');
    if (facets) {
      e.preventDefault();
      load(formUrl(facets), true);
    }
  });
  main.addEventListener('click', (e) => {
    const a = e.target.closest('.pager a');
    if (a && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
      e.preventDefault();
      load(a.getAttribute('href'), true);
    }
  });
  window.addEventListener('popstate', () => {
    const q = new URLSearchParams(location.search).get('q') || '';
    input.value = q;
    load(location.pathname + location.search, false);
  });

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
      list.innerHTML = '';
      for (const s of body.suggestions) {
        const o = document.createElement('option');
        o.value = s.text;
        list.appendChild(o);
      }
    } catch (e) {
      /* suggestions are a nicety */
    }
  }
})();
