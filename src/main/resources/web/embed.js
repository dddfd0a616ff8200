/*
 * The builder of the embeddable box (/embed): the snippet follows the options, Copy puts it on the
 * clipboard, and the preview takes the new options without losing what was typed into it.
 */
(() => {
  const form = document.getElementById('builder');
  if (!form) return;
  const host = form.dataset.host;
  const snippet = document.getElementById('snippet');
  const preview = document.getElementById('preview');
  const copied = document.getElementById('copied');

  function options() {
    return [...new FormData(form)].filter(([, v]) => v !== '');
  }

  function attr(v) {
    return v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  }

  function render() {
    const attrs = options().map(([k, v]) => ` ${k}="${attr(v)}"`).join('');
    snippet.textContent =
      `<script src="${host}/widget.js" defer><\/script>\n` +
      `<map-search${attrs}>\n` +
      `  <form action="${host}/" method="get"><input name="q" aria-label="Search the MAP Toolkit"><button>Search</button></form>\n` +
      `</map-search>`;
    const old = preview.querySelector('map-search');
    const typed = old && old.shadowRoot ? old.shadowRoot.querySelector('input').value : '';
    const shown = old && old.shadowRoot ? old.shadowRoot.querySelector('.results li') !== null : false;
    const box = document.createElement('map-search');
    box.setAttribute('host', host);
    for (const [k, v] of options()) box.setAttribute(k, v);
    preview.replaceChildren(box);
    if (typed) {
      customElements.whenDefined('map-search').then(() => {
        box.shadowRoot.querySelector('input').value = typed;
        if (shown) box.search();
      });
    }
  }

  document.getElementById('copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(snippet.textContent);
    } catch (e) {
      // No clipboard permission (an insecure origin): select the text for Ctrl+C instead.
      const range = document.createRange();
      range.selectNodeContents(snippet);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      copied.textContent = 'Selected: press Ctrl+C (or Cmd+C) to copy.';
      return;
    }
    copied.textContent = 'Copied.';
  });
  form.addEventListener('input', render);
  form.addEventListener('change', render);
  render();
})();
