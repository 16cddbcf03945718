// Search over assets/search-index.js (a script, so it also loads from file://).
// Matching is by substring on text normalised as in builder/search_index.py: NFKC and
// lower case. Every word of the query must occur; a word that is one spelling of an
// entity also matches its other spellings. Results are built as DOM nodes: page text
// is never inserted as HTML.
(function () {
  "use strict";
  var data = window.MUSUBI_SEARCH;
  var form = document.getElementById("search-page");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var labels = JSON.parse(document.getElementById("search-labels").textContent);
  var RANK = { event: 1, source: 2 };
  var LIMIT = 50, CONTEXT = 40;

  function norm(s) { return s.normalize("NFKC").toLowerCase(); }

  // Normalise character by character, remembering where each normalised character came
  // from, so a hit found in the normalised text can be shown in the text as written.
  function prepare(doc) {
    if (doc.folded !== undefined) return;
    var folded = "", from = [];
    for (var i = 0; i < doc.x.length; i++) {
      var code = doc.x.codePointAt(i), ch = String.fromCodePoint(code), n = norm(ch);
      for (var k = 0; k < n.length; k++) from.push(i);
      folded += n;
      if (code > 0xffff) i++;
    }
    from.push(doc.x.length);
    doc.folded = folded; doc.from = from; doc.name = norm(doc.n);
  }

  function alternatives(word) {
    var all = [word];
    data.spellings.forEach(function (group) {
      if (group.indexOf(word) >= 0) group.forEach(function (s) { if (all.indexOf(s) < 0) all.push(s); });
    });
    return all;
  }

  function search(query) {
    var words = norm(query).split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    var terms = words.map(alternatives), found = [];
    data.docs.forEach(function (doc) {
      prepare(doc);
      var score = 0, first = -1, firstLength = 0;
      for (var w = 0; w < terms.length; w++) {
        var best = 0;
        for (var a = 0; a < terms[w].length; a++) {
          var term = terms[w][a], at = doc.folded.indexOf(term), count = 0;
          while (at >= 0 && count < 20) {
            if (first < 0 || at < first) { first = at; firstLength = term.length; }
            count++; at = doc.folded.indexOf(term, at + term.length);
          }
          if (doc.name === term) count += 1000;
          best = Math.max(best, count);
        }
        if (!best) return;
        score += best;
      }
      found.push({ doc: doc, score: score, first: first, length: firstLength });
    });
    found.sort(function (a, b) {
      return (b.score >= 1000) - (a.score >= 1000) || (RANK[a.doc.k] || 0) - (RANK[b.doc.k] || 0) ||
        b.score - a.score || (a.doc.n < b.doc.n ? -1 : a.doc.n > b.doc.n ? 1 : 0);
    });
    return found.slice(0, LIMIT);
  }

  function snippet(hit) {
    var doc = hit.doc, p = document.createElement("p");
    p.className = "snippet";
    var start = doc.from[hit.first], end = doc.from[hit.first + hit.length];
    var left = doc.x.slice(Math.max(0, start - CONTEXT), start).split("\n").pop();
    var right = doc.x.slice(end, end + CONTEXT).split("\n")[0];
    var mark = document.createElement("mark");
    mark.textContent = doc.x.slice(start, end);
    p.append((left.length < start ? "…" : "") + left, mark, right + "…");
    return p;
  }

  function show(query) {
    list.textContent = "";
    if (!query.trim()) { status.textContent = "調べたい言葉を入力してください。"; return; }
    var hits = search(query);
    status.textContent = hits.length ? "「" + query + "」の検索結果: " + hits.length + " 件" + (hits.length === LIMIT ? "（上位のみ）" : "")
                                     : "「" + query + "」に一致するページはありません。";
    hits.forEach(function (hit) {
      var li = document.createElement("li"), a = document.createElement("a"), tag = document.createElement("span");
      a.href = hit.doc.u; a.textContent = hit.doc.n; a.className = "result-title";
      tag.className = "tag t-" + hit.doc.k; tag.textContent = labels[hit.doc.k] || hit.doc.k;
      var head = document.createElement("h2");
      head.append(a, " ", tag);
      li.append(head, snippet(hit));
      list.append(li);
    });
  }

  if (!data) { status.textContent = "検索インデックスを読み込めませんでした。"; return; }
  var initial = new URLSearchParams(location.search).get("q") || "";
  input.value = initial;
  var header = document.getElementById("q");
  if (header) header.value = initial;
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); }, 120);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
    try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (e) { /* some file:// setups */ }
  });
  show(initial);
})();
