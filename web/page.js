// Runs before the first paint (a small script in the head, allowed by the CSP as a file): tells the
// stylesheet whether the territory's static page shows what the address asks for (src/takeover.rs).
// A filter or an older `?territory=` address (not a forced theme): the static page is hidden
// (`baked-stale`) and the app starts at once. `?embed=<block>` alone: only that block of the static page is shown until the app
// has taken over, through a rule of the CSS object model (the CSP allows no inline style).
(function () {
  var root = document.documentElement;
  var query = new URLSearchParams(location.search);
  var embed = query.get('embed');
  query.delete('embed');
  // `theme=light|dark` forces the colour scheme (style/main.css); the static page applies either.
  var theme = query.get('theme');
  if (theme === 'light' || theme === 'dark') root.classList.add('theme-' + theme);
  query.delete('theme');
  // `height=auto`: the embed keeps its own height and tells the page around it (below).
  if (embed && query.get('height') === 'auto') root.classList.add('embed-auto');
  query.delete('height');
  var asksMore = false;
  query.forEach(function () { asksMore = true; });
  if (asksMore) {
    root.classList.add('baked-stale');
    return;
  }
  if (!embed) return;
  root.classList.add('embedded');
  if (embed === 'portrait') return;
  root.classList.add('embed-single');
  var shown = embed === 'totals' ? '[id^="totals-"]' : '#' + CSS.escape(embed);
  try {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync('#baked .view-block:not(' + shown + ') { display: none; }');
    document.adoptedStyleSheets = [sheet];
    // Alone in its frame, the block's title is the document's main heading, as in the app.
    document.addEventListener('DOMContentLoaded', function () {
      document.querySelectorAll('#baked ' + shown + ' h3').forEach(function (title) {
        title.setAttribute('aria-level', '1');
      });
      // Its chart is the frame's first screen: fetched at once and first (the build marks the
      // images of the page's lower blocks lazy, which here let the WASM go first on a slow line).
      document.querySelectorAll('#baked ' + shown + ' img').forEach(function (image) {
        image.loading = 'eager';
        image.fetchPriority = 'high';
      });
    });
  } catch (error) {
    // A browser without constructed stylesheets shows the app once it has loaded.
    root.classList.add('baked-stale');
  }
})();

// An embed with `height=auto` posts its height to the page that holds it, when it is laid out and
// whenever it changes: `{ type: 'comex-territoires:height', height, href }` (README, « Embedding »).
// The « Intégrer » snippet's few lines of script apply it to the frame that sent it.
(function () {
  var query = new URLSearchParams(location.search);
  if (!query.get('embed') || query.get('height') !== 'auto' || window.parent === window) return;
  var last = 0;
  function post() {
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'comex-territoires:height', height: height, href: location.href }, '*');
  }
  document.addEventListener('DOMContentLoaded', function () {
    post();
    if (window.ResizeObserver) new ResizeObserver(post).observe(document.body);
  });
})();
