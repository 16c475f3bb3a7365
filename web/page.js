// Runs before the first paint (a small script in the head, allowed by the CSP as a file): tells the
// stylesheet whether the territory's static page shows what the address asks for (src/takeover.rs).
// A filter or an older `?territory=` address: the static page is hidden (`baked-stale`) and the app
// starts at once. `?embed=<block>` alone: only that block of the static page is shown until the app
// has taken over, through a rule of the CSS object model (the CSP allows no inline style).
(function () {
  var root = document.documentElement;
  var query = new URLSearchParams(location.search);
  var embed = query.get('embed');
  query.delete('embed');
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
    });
  } catch (error) {
    // A browser without constructed stylesheets shows the app once it has loaded.
    root.classList.add('baked-stale');
  }
})();
