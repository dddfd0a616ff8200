/*
 * MAP Search embeddable search box: <script src="https://HOST/widget.js" defer></script>
 * then <map-search></map-search>. Attributes: any facet of MAP Search as a preset filter
 * (audience, source, type, year, language, review...), results
 * (how many), mode (keyword, semantic or hybrid; default MAP Search's), placeholder, target ("inline" shows results here, "page" opens MAP Search), host.
 * Preset values match MAP Search's values whatever their case; an unknown one is named in the
 * console. Results end with a link to all of them on MAP Search, with the same filters.
 * Theming: --map-search-accent, --map-search-text, --map-search-background, --map-search-font.
 * Without JavaScript, put a plain form inside the element; it is shown until the element upgrades.
 */
(() => {
  const script = document.currentScript;
  const defaultHost = script ? new URL(script.src, location.href).origin : location.origin;

  const css = `
    :host { display: block; font-family: var(--map-search-font, Arial, sans-serif);
      color: var(--map-search-text, #212b32); background: var(--map-search-background, transparent); }
    form { display: flex; gap: 6px; position: relative; }
    label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    input { flex: 1; min-width: 0; font: inherit; padding: 8px; border: 2px solid var(--map-search-text, #212b32); }
    button { font: inherit; padding: 8px 14px; border: 0; color: #fff; cursor: pointer;
      background: var(--map-search-accent, #005eb8); }
    input:focus, button:focus, a:focus { outline: 3px solid #ffeb3b; outline-offset: 0; }
    ul { list-style: none; margin: 0; padding: 0; }
    .suggest { position: absolute; top: 100%; left: 0; right: 0; background: #fff; z-index: 10;
      border: 1px solid #aeb7bd; }
    .suggest li { padding: 6px 8px; cursor: pointer; }
    .suggest li[aria-selected="true"] { background: var(--map-search-accent, #005eb8); color: #fff; }
    .results li { padding: 8px 0; border-bottom: 1px solid #d8dde0; }
    .results a { color: var(--map-search-accent, #005eb8); font-weight: 600; }
    .meta { font-size: .85em; color: #4c6272; }
    mark { background: #fff3a3; color: inherit; }
    .count { font-size: .9em; margin: 8px 0 0; }
    .all { display: inline-block; margin-top: 8px; color: var(--map-search-accent, #005eb8); font-weight: 600; }`;

  /** The box's own settings; any other attribute is a preset filter. */
  const OWN = new Set(['results', 'placeholder', 'target', 'host', 'style', 'class', 'id', 'hidden', 'lang', 'dir', 'title', 'tabindex', 'mode']);

  class MapSearch extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      this.host_ = (this.getAttribute('host') || defaultHost).replace(/\/$/, '');
      this.size = Math.min(20, Math.max(1, parseInt(this.getAttribute('results') || '5', 10) || 5));
      const root = this.attachShadow({ mode: 'open' });
      const id = 'q' + Math.random().toString(36).slice(2);
      root.innerHTML = `<style>${css}</style>
        <form action="${this.host_}/" method="get" role="search">
          <label for="${id}">Search the MAP Toolkit</label>
          <input id="${id}" name="q" type="search" autocomplete="off" role="combobox"
            aria-autocomplete="list" aria-expanded="false" aria-controls="${id}-list">
          <button type="submit">Search</button>
          <ul class="suggest" id="${id}-list" role="listbox" hidden></ul>
        </form>
        <p class="count" aria-live="polite"></p>
        <ul class="results"></ul>
        <a class="all" hidden></a>`;
      this.input = root.querySelector('input');
      this.input.placeholder = this.getAttribute('placeholder') || 'Search NHS policy drivers';
      this.list = root.querySelector('.suggest');
      this.count = root.querySelector('.count');
      this.results = root.querySelector('.results');
      this.all = root.querySelector('.all');
      this.active = -1;
      this.asked = 0;
      root.querySelector('form').addEventListener('submit', (e) => this.submit(e));
      this.input.addEventListener('input', () => this.debounce(() => this.suggest(), 150));
      this.input.addEventListener('keydown', (e) => this.keys(e));
    }

    /**
     * The preset filters as given: every attribute that is not one of the box's own settings names
     * a facet of MAP Search (audience, source, type, year, language...); '|' separates values.
     */
    presets() {
      const out = [];
      for (const { name, value } of this.attributes) {
        if (OWN.has(name) || name.startsWith('data-') || name.startsWith('aria-') || !value) continue;
        value.split('|').map((x) => x.trim()).filter(Boolean).forEach((x) => out.push([name, x]));
      }
      return out;
    }

    /**
     * The presets as MAP Search spells its values: matched whatever their case against the values
     * the index holds (fetched once); an unknown value is kept, and named in the console.
     */
    async filters() {
      const presets = this.presets();
      // How words are matched (keyword, semantic, hybrid): MAP Search refuses a wrong one.
      const mode = this.getAttribute('mode');
      if (presets.length === 0) return new URLSearchParams(mode ? { mode } : {});
      if (!this.known) {
        this.known = fetch(`${this.host_}/api/search?size=1&snippets=false`)
          .then((r) => (r.ok ? r.json() : { facets: {} }))
          .then((body) => body.facets || {})
          .catch(() => ({}));
      }
      const facets = await this.known;
      const p = new URLSearchParams(mode ? { mode } : {});
      for (const [name, given] of presets) {
        if (!(name in facets)) {
          console.warn(`<map-search>: "${name}" is neither a setting of the box nor a facet of MAP Search (${Object.keys(facets).join(', ')})`);
          continue;
        }
        const values = (facets[name] || []).map((v) => v.value);
        const match = values.find((v) => v.toLowerCase() === given.toLowerCase());
        if (!match && values.length > 0) {
          console.warn(`<map-search>: MAP Search has no ${name} "${given}"; it has: ${values.join(', ')}`);
        }
        p.append(name, match || given);
      }
      return p;
    }

    debounce(fn, ms) {
      clearTimeout(this.timer);
      this.timer = setTimeout(fn, ms);
    }

    async suggest() {
      const q = this.input.value.trim();
      if (q.length < 2) return this.closeList();
      const asked = ++this.asked;
      try {
        const p = await this.filters();
        p.set('q', q);
        p.set('limit', '6');
        const r = await fetch(`${this.host_}/api/suggest?${p}`);
        if (!r.ok) return this.closeList();
        const body = await r.json();
        // A search started (or newer letters were typed) while this was on its way: drop it.
        if (asked !== this.asked) return;
        this.list.innerHTML = '';
        body.suggestions.forEach((s, i) => {
          const li = document.createElement('li');
          li.setAttribute('role', 'option');
          li.id = `${this.list.id}-${i}`;
          li.textContent = s.text;
          li.addEventListener('mousedown', (e) => { e.preventDefault(); this.pick(s.text); });
          this.list.appendChild(li);
        });
        this.active = -1;
        this.list.hidden = body.suggestions.length === 0;
        this.input.setAttribute('aria-expanded', String(!this.list.hidden));
      } catch (e) {
        this.closeList();
      }
    }

    keys(e) {
      const items = [...this.list.children];
      if (e.key === 'Escape') return this.closeList();
      if (this.list.hidden || items.length === 0) return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        this.active = (this.active + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
        items.forEach((li, i) => li.setAttribute('aria-selected', String(i === this.active)));
        this.input.setAttribute('aria-activedescendant', items[this.active].id);
      } else if (e.key === 'Enter' && this.active >= 0) {
        e.preventDefault();
        this.pick(items[this.active].textContent);
      }
    }

    pick(text) {
      this.input.value = text;
      this.closeList();
      this.search();
    }

    closeList() {
      this.list.hidden = true;
      this.input.setAttribute('aria-expanded', 'false');
      this.input.removeAttribute('aria-activedescendant');
    }

    async submit(e) {
      e.preventDefault();
      if ((this.getAttribute('target') || 'inline') === 'page') {
        // Go to MAP Search, with the preset filters.
        location.href = await this.fullSearch();
        return;
      }
      this.search();
    }

    /** The same search, with the same filters, on MAP Search's own page (which always works). */
    async fullSearch() {
      const p = await this.filters();
      if (this.input.value) p.set('q', this.input.value);
      return `${this.host_}/?${p}`;
    }

    async search() {
      this.asked++;
      clearTimeout(this.timer);
      this.closeList();
      const started = performance.now();
      const p = await this.filters();
      p.set('q', this.input.value);
      p.set('size', String(this.size));
      p.set('facets', 'false');
      this.count.textContent = 'Searching…';
      this.all.hidden = true;
      let r;
      try {
        r = await fetch(`${this.host_}/api/search?${p}`);
      } catch (e) {
        return this.unreachable();
      }
      try {
        const body = await r.json();
        if (!r.ok) throw new Error(body.message);
        this.results.innerHTML = '';
        for (const h of body.hits) {
          const li = document.createElement('li');
          const a = document.createElement('a');
          a.href = new URL(h.url, this.host_ + '/').href;
          a.textContent = h.title;
          const meta = document.createElement('div');
          meta.className = 'meta';
          meta.textContent = [h.type, h.source, h.published].filter(Boolean).join(' · ');
          const snippet = document.createElement('div');
          // The API escapes snippets and adds only <mark>: safe to render as HTML.
          snippet.innerHTML = h.snippet && h.snippet.html ? h.snippet.html : '';
          li.append(a, meta, snippet);
          this.results.appendChild(li);
        }
        this.count.textContent = `${body.total} result${body.total === 1 ? '' : 's'}`;
        if (body.total > body.hits.length) {
          this.all.textContent = `See all ${body.total} on MAP Search`;
          this.all.href = await this.fullSearch();
          this.all.hidden = false;
        }
        this.dataset.firstResultsMs = String(Math.round(performance.now() - started));
        this.dispatchEvent(new CustomEvent('map-search-results', { detail: { total: body.total } }));
      } catch (e) {
        this.count.textContent = 'Search is not available right now.';
        this.all.textContent = 'Search on MAP Search instead';
        this.all.href = await this.fullSearch();
        this.all.hidden = false;
      }
    }

    /**
     * The request failed before any answer. If MAP Search answers an opaque request, it is up and
     * this site is not on its allowlist; otherwise it cannot be reached. Either way the full search
     * page works.
     */
    async unreachable() {
      let up = false;
      try {
        await fetch(`${this.host_}/health`, { mode: 'no-cors' });
        up = true;
      } catch (e) {
        up = false;
      }
      this.results.innerHTML = '';
      this.count.textContent = up
        ? 'This site is not allowed to show MAP Search results here.'
        : 'MAP Search cannot be reached from here right now.';
      this.all.textContent = 'Search on MAP Search instead';
      this.all.href = await this.fullSearch();
      this.all.hidden = false;
    }
  }

  if (!customElements.get('map-search')) customElements.define('map-search', MapSearch);
})();
