// Search over the sharded index in assets/search/ (builder/site/search_index.py says what each
// shard holds). Shards are scripts calling musubiSearch(key, data), added as <script> tags
// when a query needs them, so search also works from file://, where fetch() is refused.
// Matching is by substring on text normalised as in builder/site/search_index.py: NFKC and
// lower case. Every word of the query must occur; a word that is one spelling of an
// entity also matches its other spellings. A word of one character is not searched.
// Results are built as DOM nodes: page text is never inserted as HTML.
//
// Ranking, best first (a page takes its best tier over the query's words, the other
// spellings of each, and, for several words, the whole query with and without spaces,
// since 北条 真琴 and Sam Altman are typed as two words):
//   EXACT  the page's name or one of its aliases is the query (ミナモ: the entity ミナモ)
//   PREFIX its name begins with it (ミナモ工業)
//   PART   its name or an alias holds it (株式会社ミナモ)
//   TEXT   only its text holds it
// and within a tier: entities, then events, then articles; more occurrences first (up to
// 20 a word); then by name, then in the builder's order — which is the order of the
// documents' numbers, so the results are ranked from the postings alone, and only the
// shown ones are then loaded (their titles, and the chunk of text holding the match).
(function () {
  "use strict";
  var form = document.getElementById("search-page");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var labels = JSON.parse(document.getElementById("search-labels").textContent);
  var EXACT = 0, PREFIX = 1, PART = 2, TEXT = 3;
  var LIMIT = 50, CONTEXT = 40, CAP = 20, SPELLINGS = 4096;
  var base = document.currentScript.src.replace(/[^/]*$/, "search/");
  var info = null;

  // --- shards: each loaded once, by a <script> tag; a missing one (an empty bucket) is null ---
  var loaded = {}, pending = {};
  window.musubiSearch = function (key, data) { loaded[key] = data; };
  function load(key) {
    if (!pending[key]) {
      pending[key] = new Promise(function (resolve) {
        var s = document.createElement("script");
        s.src = base + key + ".js";
        s.onload = function () { resolve(key in loaded ? loaded[key] : null); };
        s.onerror = function () { resolve(null); };
        document.head.append(s);
      });
    }
    return pending[key];
  }
  function loadAll(keys) { return Promise.all(keys.map(load)); }

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

  // --- postings: numbers in base 32, a digit from the second half of DIGITS continues one ---
  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_", VALUE = [];
  for (var d = 0; d < DIGITS.length; d++) VALUE[DIGITS.charCodeAt(d)] = d;
  function numbers(s) {
    var out = [], v = 0;
    for (var i = 0; i < s.length; i++) {
      var c = VALUE[s.charCodeAt(i)];
      if (c >= 32) v = v * 32 + c - 32;
      else { out.push(v * 32 + c); v = 0; }
    }
    return out;
  }
  // {id: {len, where}}: id is the document (text) or document and spelling (names).
  function postings(s, names) {
    var a = numbers(s), out = new Map(), doc = 0, i = 0;
    while (i < a.length) {
      doc += a[i];
      var id = doc, len = 0;
      if (names) { id = doc * SPELLINGS + a[i + 1]; len = a[i + 2]; i += 2; }
      var n = a[i + 1], p = a[i + 2], where = [p];
      for (var k = 1; k < n; k++) { p += a[i + 2 + k]; where.push(p); }
      out.set(id, { len: len, where: where });
      i += 2 + n;
    }
    return out;
  }
  // {document: {count, first}} of a bigram with files of its own.
  function counts(s) {
    var a = numbers(s), out = new Map(), doc = 0;
    for (var i = 0; i < a.length; i += 3) { doc += a[i]; out.set(doc, { count: a[i + 1], first: a[i + 2] }); }
    return out;
  }

  function hex(gram) {
    var h = "";
    for (var i = 0; i < 2; i++) h += (0x10000 + gram.charCodeAt(i)).toString(16).slice(1);
    return h;
  }
  function gramBucket(gram, bits) {
    return Math.imul((gram.charCodeAt(0) << 16) | gram.charCodeAt(1), 0x9E3779B1) >>> (32 - bits);
  }
  function textBucket(text, bits) {
    var h = 0x811C9DC5;
    for (var i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return h >>> (32 - bits);
  }

  // The other spellings of `word`: every group (sorted) holding it, in order.
  function alternatives(word) {
    return load("s/" + textBucket(word, info.spellings)).then(function (groups) {
      var all = [word];
      (groups || []).forEach(function (group) {
        if (group.indexOf(word) >= 0) group.forEach(function (s) { if (all.indexOf(s) < 0) all.push(s); });
      });
      return all;
    });
  }

  // The bucket entries of the bigrams of `term` in the text ("g") or names ("n") index, or
  // null when one is in no page: a string of postings, or the sizes of its own files.
  function entries(term, folder, bits) {
    var grams = [];
    for (var i = 0; i + 1 < term.length; i++) grams.push(term.slice(i, i + 2));
    return loadAll(grams.map(function (g) { return folder + "/" + gramBucket(g, bits); })).then(function (buckets) {
      var found = grams.map(function (g, i) { return { gram: g, at: i, entry: buckets[i] && buckets[i][hex(g)] }; });
      return found.some(function (f) { return f.entry === undefined || f.entry === null; }) ? null : found;
    });
  }

  var parsed = new Map();  // postings strings already read, by string
  function parse(s, names) {
    if (!parsed.has(s)) parsed.set(s, postings(s, names));
    return parsed.get(s);
  }

  // Where `term` occurs, per id: its bigrams' postings aligned at their offsets. Bigrams in
  // bucket shards are used as they are; of those with files of their own, the cheapest set
  // that, with them, covers every character of the term (two bigrams at offsets i and j
  // agreeing on a start cover characters i, i+1, j, j+1: the term is there). `size(entry)`:
  // the bytes of a bigram's own file, 0 when it holds none of the pages sought; `file(gram)`:
  // its key. Resolves to {id: {len, where}}.
  function occurrences(term, grams, names, size, file) {
    var chosen = cover(term.length, grams.map(function (g) { return typeof g.entry === "string" ? 0 : size(g.entry); }));
    var own = chosen.map(function (i) { return grams[i]; }).filter(function (g) { return typeof g.entry !== "string"; });
    if (own.some(function (g) { return !size(g.entry); })) return Promise.resolve(new Map());
    return loadAll(own.map(function (g) { return file(g.gram); })).then(function (files) {
      var lists = [];
      grams.forEach(function (g) { if (typeof g.entry === "string") lists.push({ at: g.at, ids: parse(g.entry, names) }); });
      own.forEach(function (g, n) { lists.push({ at: g.at, ids: postings(files[n], names) }); });
      return align(lists);
    });
  }

  // The cheapest bigrams (by bytes: 0 for those already loaded) covering characters 0..L-1.
  function cover(L, cost) {
    var best = [0], pick = [[]];
    for (var j = 0; j < L; j++) {
      if (best[j] === undefined) continue;
      for (var i = j - 1; i <= j; i++) {
        if (i < 0 || i > L - 2) continue;
        var c = best[j] + cost[i];
        if (best[i + 2] === undefined || c < best[i + 2]) { best[i + 2] = c; pick[i + 2] = pick[j].concat([i]); }
      }
    }
    return pick[L];
  }

  // The starts where every list has its bigram at its offset, per id, from the shortest list.
  function align(lists) {
    lists.sort(function (a, b) { return a.ids.size - b.ids.size; });
    var lead = lists[0], out = new Map();
    lead.ids.forEach(function (entry, id) {
      var others = [];
      for (var n = 1; n < lists.length; n++) {
        var other = lists[n].ids.get(id);
        if (!other) return;
        others.push({ at: lists[n].at, set: new Set(other.where) });
      }
      var where = [];
      entry.where.forEach(function (p) {
        var start = p - lead.at;
        if (others.every(function (o) { return o.set.has(start + o.at); })) where.push(start);
      });
      if (where.length) out.set(id, { len: entry.len, where: where });
    });
    return out;
  }

  // {document: {count, first}} for a term in the text of the pages of one kind (0 entities,
  // 1 events, 2 articles): non-overlapping matches, as indexOf from the end of the last one
  // finds them, up to CAP. A term of two characters whose bigram has files of its own needs
  // only the counts.
  function textMatches(term, kind) {
    return entries(term, "g", info.grams).then(function (grams) {
      if (!grams) return new Map();
      if (grams.length === 1 && typeof grams[0].entry !== "string") {
        if (!grams[0].entry[1][kind]) return new Map();
        return load("c/" + hex(term) + "." + kind).then(counts);
      }
      var size = function (e) { return e[0][kind]; }, file = function (g) { return "p/" + hex(g) + "." + kind; };
      return occurrences(term, grams, false, size, file).then(function (ids) {
        var out = new Map();
        ids.forEach(function (entry, doc) {
          if (kindRank(doc) !== kind) return;  // bucket postings hold every kind
          var count = 0, end = -1;
          entry.where.forEach(function (p) { if (p >= end && count < CAP) { count++; end = p + term.length; } });
          out.set(doc, { count: count, first: entry.where[0] });
        });
        return out;
      });
    });
  }

  // {document: tier} for the pages whose name or an alias holds a term.
  function nameTiers(terms) {
    return Promise.all(terms.map(function (t) {
      return entries(t.term, "n", info.names).then(function (grams) {
        if (!grams) return new Map();
        return occurrences(t.term, grams, true, function (e) { return e[0]; }, function (g) { return "q/" + hex(g); });
      });
    })).then(function (all) {
      var tiers = new Map();
      all.forEach(function (found, n) {
        found.forEach(function (entry, id) {
          var doc = Math.floor(id / SPELLINGS), k = id % SPELLINGS;
          var t = entry.len === terms[n].term.length ? EXACT : entry.where[0] === 0 && k === 0 ? PREFIX : PART;
          if (!tiers.has(doc) || t < tiers.get(doc)) tiers.set(doc, t);
        });
      });
      return tiers;
    });
  }

  function kindRank(doc) { return doc < info.kinds[0] ? 0 : doc < info.kinds[1] ? 1 : 2; }

  // The pages holding every word (or another spelling of it), ranked. Kinds are searched in
  // turn: once 50 pages are found and no page of a later kind has a name matching the query
  // (only those could rank above them), the later kinds' files are not loaded.
  function search(query) {
    var words = norm(query).split(/\s+/).filter(Boolean);
    var phrases = words.length > 1 ? [words.join(" "), words.join("")] : [];
    return Promise.all(words.concat(phrases).map(alternatives)).then(function (alts) {
      // In the text, a spelling that begins with an earlier one of the same word adds nothing:
      // where it is, the earlier is, as often, and as soon (日経平均株価 after 日経平均).
      var terms = alts.slice(0, words.length).map(function (all) {
        return all.filter(function (term, i) { return !all.slice(0, i).some(function (e) { return term.indexOf(e) === 0; }); });
      }), names = [];
      alts.forEach(function (all) { all.forEach(function (term, i) { names.push({ term: term, typed: i === 0 }); }); });
      var flat = [].concat.apply([], terms);
      return nameTiers(names).then(function (tiers) {
        var found = [];
        function kind(k) {
          return Promise.all(flat.map(function (term) { return textMatches(term, k); })).then(function (byTerm) {
            var n = 0, seen = new Set();
            var perWord = terms.map(function (alt) { var mine = byTerm.slice(n, n + alt.length); n += alt.length; return mine; });
            perWord[0].forEach(function (matches) {  // a page must hold the first word: start from those
              matches.forEach(function (_, doc) {
                if (seen.has(doc)) return;
                seen.add(doc);
                var score = 0, first = -1, length = 0;
                for (var w = 0; w < perWord.length; w++) {
                  var best = 0;
                  for (var a = 0; a < perWord[w].length; a++) {
                    var m = perWord[w][a].get(doc);
                    if (!m) continue;
                    if (first < 0 || m.first < first) { first = m.first; length = terms[w][a].length; }
                    best = Math.max(best, m.count);
                  }
                  if (!best) return;
                  score += best;
                }
                found.push({ doc: doc, score: score, first: first, length: length, tier: tiers.has(doc) ? tiers.get(doc) : TEXT });
              });
            });
            var named = false;
            tiers.forEach(function (_, doc) { if (kindRank(doc) > k) named = true; });
            if (k < 2 && (found.length < LIMIT || named)) return kind(k + 1);
            found.sort(function (a, b) {
              return a.tier - b.tier || kindRank(a.doc) - kindRank(b.doc) || b.score - a.score || a.doc - b.doc;
            });
            return shown(found.slice(0, LIMIT), names);
          });
        }
        return kind(0);
      });
    });
  }

  // The hits shown: each page's title, aliases and the chunk of text holding its first match.
  function shown(hits, names) {
    var blocks = hits.map(function (h) { return "m/" + Math.floor(h.doc / info.block); });
    return loadAll(blocks).then(function (metas) {
      return Promise.all(hits.map(function (hit, n) {
        var m = metas[n][hit.doc % info.block];
        hit.doc = { u: m[0], k: m[1], n: m[2], a: m[3], spellings: [m[2]].concat(m[3]).map(fold) };
        hit.fit = fit(hit.doc, names);
        if (hit.fit.spelling > 0) return hit;
        if (m.length > 5) {  // a short text comes with the page's metadata
          hit.chunk = fold(m[5]);
          hit.chunkAt = 0;
          return hit;
        }
        // The piece of text holding the match, and a neighbour when the match is within MARGIN
        // of an edge: the snippet reaches CONTEXT characters either side (WORD_BACK more when it
        // backs up to a word's start) and never crosses a line, which the pieces do not know.
        var size = info.chunk, last = Math.floor(Math.max(m[4] - 1, 0) / size);
        var lo = Math.max(0, Math.floor((hit.first - MARGIN) / size)), hi = Math.min(last, Math.floor((hit.first + hit.length + MARGIN) / size));
        var page = m[0].replace(/\.html$/, ""), keys = [];
        for (var c = lo; c <= hi; c++) keys.push("t/" + page + "." + c);
        return loadAll(keys).then(function (pieces) {
          hit.chunk = fold(pieces.map(function (p) { return p[1]; }).join(""));
          hit.chunkAt = pieces[0][0];
          return hit;
        });
      }));
    });
  }

  function tier(spelling, index, term) {
    if (spelling === term) return EXACT;
    var at = spelling.indexOf(term);
    return at < 0 ? TEXT : at === 0 && index === 0 ? PREFIX : PART;
  }

  // The spelling to show: the one that best fits what was typed, before one that only fits
  // another spelling of it (アルトマン shows the alias アルトマン, not the name サム・アルトマン);
  // on a tie the name, then aliases in order.
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

  // Where a snippet may begin, so that it does not open mid-word: after 。、・！？ or a
  // space (but a ・ between katakana joins one name: サム・アルトマン), or where a run of kanji, katakana or Latin letters and digits begins — never
  // at hiragana (発表|した would cut a word), nor between digits and the kanji after them
  // (12|億円), nor inside a katakana word, a Latin word or a number (R1, o3-mini, 1,250,
  // １，２５０, １．５: full-width ，． are not taken for punctuation).
  var SENTENCE_END = /[。！？!?]/;
  var WORD_BACK = 12;  // how far before the window a cut word's start may be
  var MARGIN = 2 * (CONTEXT + WORD_BACK);  // folded units of text loaded around a match: twice a snippet's reach
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
    // The chunk (whole lines) holding the match, folded as the builder folded the whole text.
    var text = hit.chunk.raw, start = hit.chunk.from[hit.first - hit.chunkAt], end = hit.chunk.from[hit.first - hit.chunkAt + hit.length];
    var from = snippetStart(text, start), lineEnd = text.indexOf("\n", end);
    if (lineEnd < 0) lineEnd = text.length;
    var to = Math.min(lineEnd, end + CONTEXT);
    p.append((from > 0 || hit.chunkAt > 0 ? "…" : "") + text.slice(from, start));
    marked(p, text, start, end);
    p.append(text.slice(end, to) + (to < lineEnd ? "…" : ""));
    return p;
  }

  var asked = 0;  // the latest query: an earlier one still loading shards is not shown

  function show(query) {
    var mine = ++asked;
    if (!query.trim()) { list.textContent = ""; status.textContent = "調べたい言葉を入力してください。"; return; }
    if (norm(query).split(/\s+/).some(function (w) { return w.length === 1; })) {
      list.textContent = "";
      status.textContent = "「" + query + "」: 1文字の語では検索できません。2文字以上で入力してください。";
      return;
    }
    status.textContent = "検索しています…";
    search(query).then(function (hits) {
      if (mine !== asked) return;
      list.textContent = "";
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
    });
  }

  var initial = new URLSearchParams(location.search).get("q") || "";
  input.value = initial;
  var header = document.getElementById("q");
  if (header) header.value = initial;
  load("info").then(function (data) {
    if (!data) { status.textContent = "検索インデックスを読み込めませんでした。"; return; }
    info = data;
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
  });
})();
