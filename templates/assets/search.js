// Search over assets/search-index.js (a script, so it also loads from file://).
// Matching is by substring on text normalised as in builder/site/search_index.py: NFKC and
// lower case. Every word of the query must occur; a word that is one spelling of an
// entity also matches its other spellings. Results are built as DOM nodes: page text
// is never inserted as HTML.
//
// Ranking, best first (a page takes its best tier over the query's words, the other
// spellings of each, and, for several words, the whole query with and without spaces,
// since 北条 真琴 and Sam Altman are typed as two words):
//   EXACT  the page's name or one of its aliases is the query (ミナモ: the entity ミナモ)
//   PREFIX its name begins with it (ミナモ工業)
//   PART   its name or an alias holds it (株式会社ミナモ)
//   TEXT   only its text holds it
// and within a tier as before: entities, then events, then articles; more occurrences
// first; then by name; then in index order (Array.prototype.sort is stable).
(function () {
  "use strict";
  var data = window.MUSUBI_SEARCH;
  var form = document.getElementById("search-page");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var labels = JSON.parse(document.getElementById("search-labels").textContent);
  var RANK = { event: 1, source: 2 };
  var EXACT = 0, PREFIX = 1, PART = 2, TEXT = 3;
  var LIMIT = 50, CONTEXT = 40;

  function norm(s) { return s.normalize("NFKC").toLowerCase(); }

  // Normalise character by character, remembering where each normalised character came
  // from, so a hit found in the normalised text can be shown in the text as written.
  function fold(raw) {
    var folded = "", from = [];
    for (var i = 0; i < raw.length; i++) {
      var code = raw.codePointAt(i), n = norm(String.fromCodePoint(code));
      for (var k = 0; k < n.length; k++) from.push(i);
      folded += n;
      if (code > 0xffff) i++;
    }
    from.push(raw.length);
    return { raw: raw, folded: folded, from: from };
  }

  // The page's text, and its spellings: the name first, then an entity's aliases.
  function prepare(doc) {
    if (doc.text) return;
    doc.text = fold(doc.x);
    doc.spellings = [doc.n].concat(doc.a || []).map(fold);
  }

  function tier(spelling, index, term) {
    if (spelling === term) return EXACT;
    var at = spelling.indexOf(term);
    return at < 0 ? TEXT : at === 0 && index === 0 ? PREFIX : PART;
  }

  function alternatives(word) {
    var all = [word];
    data.spellings.forEach(function (group) {
      if (group.indexOf(word) >= 0) group.forEach(function (s) { if (all.indexOf(s) < 0) all.push(s); });
    });
    return all;
  }

  // The page's tier (above), and the spelling to show: the one that best fits what was
  // typed, before one that only fits another spelling of it (アルトマン shows the alias
  // アルトマン, not the name サム・アルトマン); on a tie the name, then aliases in order.
  function fit(doc, names) {
    var best = { tier: TEXT, spelling: -1, at: -1, length: 0 }, key = null;
    names.forEach(function (name) {
      doc.spellings.forEach(function (spelling, index) {
        var t = tier(spelling.folded, index, name.term);
        if (t === TEXT) return;
        best.tier = Math.min(best.tier, t);
        var mine = [name.typed ? 0 : 1, t, index];
        if (key && !before(mine, key)) return;
        key = mine;
        best.spelling = index; best.at = spelling.folded.indexOf(name.term); best.length = name.term.length;
      });
    });
    return best;
  }

  function before(a, b) {
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
    return false;
  }

  function search(query) {
    var words = norm(query).split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    var terms = words.map(alternatives), found = [];
    var phrases = words.length > 1 ? [words.join(" "), words.join("")] : [];
    var names = [];
    words.concat(phrases).forEach(function (typed) {
      alternatives(typed).forEach(function (term, i) { names.push({ term: term, typed: i === 0 }); });
    });
    data.docs.forEach(function (doc) {
      prepare(doc);
      var score = 0, first = -1, firstLength = 0, folded = doc.text.folded;
      for (var w = 0; w < terms.length; w++) {
        var best = 0;
        for (var a = 0; a < terms[w].length; a++) {
          var term = terms[w][a], at = folded.indexOf(term), count = 0;
          while (at >= 0 && count < 20) {
            if (first < 0 || at < first) { first = at; firstLength = term.length; }
            count++; at = folded.indexOf(term, at + term.length);
          }
          best = Math.max(best, count);
        }
        if (!best) return;
        score += best;
      }
      found.push({ doc: doc, score: score, first: first, length: firstLength, fit: fit(doc, names) });
    });
    found.sort(function (a, b) {
      return a.fit.tier - b.fit.tier || (RANK[a.doc.k] || 0) - (RANK[b.doc.k] || 0) ||
        b.score - a.score || (a.doc.n < b.doc.n ? -1 : a.doc.n > b.doc.n ? 1 : 0);
    });
    return found.slice(0, LIMIT);
  }

  // Where a snippet may begin, so that it does not open mid-word: after 。、・！？ or a
  // space (but a ・ between katakana joins one name: サム・アルトマン), or where a run of kanji, katakana or Latin letters and digits begins — never
  // at hiragana (発表|した would cut a word), nor between digits and the kanji after them
  // (12|億円), nor inside a katakana word, a Latin word or a number (R1, o3-mini, 1,250,
  // １，２５０, １．５: full-width ，． are not taken for punctuation).
  var SENTENCE_END = /[。！？!?]/;
  var WORD_BACK = 12;  // how far before the window a cut word's start may be
  var PAUSE = /[、。・！？!?\s]/;
  var CLASSES = [["kanji", /[\p{Script=Han}々〆ヶ]/u], ["katakana", /[\p{Script=Katakana}ーｰ]/u],
                 ["word", /[\p{Script=Latin}\p{Nd}\-_.,'’+&/%－．，％＆＋]/u]];

  function classOf(ch) {
    for (var i = 0; i < CLASSES.length; i++) if (CLASSES[i][1].test(ch)) return CLASSES[i][0];
    return "";
  }

  // The class of text[i], where a ・ between two katakana counts as katakana.
  function classAt(text, i) {
    if (text[i] === "・" && classOf(text[i - 1]) === "katakana" && classOf(text[i + 1]) === "katakana") return "katakana";
    return classOf(text[i]);
  }

  function pauseBefore(text, i) {
    return PAUSE.test(text[i - 1]) && classAt(text, i - 1) !== "katakana";
  }

  function wordStart(text, i) {
    var before = classAt(text, i - 1), here = classAt(text, i);
    return here !== "" && here !== before && !(before === "word" && here === "kanji");
  }

  // The start of the sentence holding the match when it is within CONTEXT characters;
  // else the first pause within CONTEXT of it; else the start of the word the window would
  // cut, when that is at most WORD_BACK further back; else the first word start within
  // CONTEXT; else that cut word's start however far. Never before the line (paragraph)
  // start, and past the spaces that may follow a full stop.
  function snippetStart(text, at) {
    var start = boundary(text, at);
    while (start < at && /\s/.test(text[start])) start++;
    return start;
  }

  // The start of the word holding text[i] (not before `line`).
  function wordBegin(text, i, line) {
    while (i > line && classAt(text, i) !== "" && classAt(text, i - 1) === classAt(text, i)) i--;
    return i;
  }

  function boundary(text, at) {
    var line = text.lastIndexOf("\n", at - 1) + 1, floor = Math.max(line, at - CONTEXT), i;
    for (i = at; i > floor && !SENTENCE_END.test(text[i - 1]); i--);
    if (i === line || SENTENCE_END.test(text[i - 1])) return i;
    for (i = floor; i < at; i++) if (pauseBefore(text, i)) return i;
    var back = wordBegin(text, floor, line);
    if (floor - back <= WORD_BACK) return back;  // a name the window would cut: its start (アレクサンドラ・…)
    for (i = floor; i < at; i++) if (wordStart(text, i)) return i;
    return back;
  }

  function marked(p, text, start, end) {
    var mark = document.createElement("mark");
    mark.textContent = text.slice(start, end);
    p.append(mark);
  }

  function snippet(hit) {
    var doc = hit.doc, p = document.createElement("p");
    p.className = "snippet";
    if (hit.fit.spelling > 0) {
      // The alias that matched, since the title already shows the name.
      var alias = doc.spellings[hit.fit.spelling], lo = alias.from[hit.fit.at], hi = alias.from[hit.fit.at + hit.fit.length];
      var label = document.createElement("span");
      label.className = "snippet-label";
      label.textContent = "別名: ";
      p.append(label, alias.raw.slice(0, lo));
      marked(p, alias.raw, lo, hi);
      p.append(alias.raw.slice(hi));
      return p;
    }
    var text = doc.x, start = doc.text.from[hit.first], end = doc.text.from[hit.first + hit.length];
    var from = snippetStart(text, start), lineEnd = text.indexOf("\n", end);
    if (lineEnd < 0) lineEnd = text.length;
    var to = Math.min(lineEnd, end + CONTEXT);
    p.append((from > 0 ? "…" : "") + text.slice(from, start));
    marked(p, text, start, end);
    p.append(text.slice(end, to) + (to < lineEnd ? "…" : ""));
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
