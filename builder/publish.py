"""What static hosts, search engines and other sites read: each page's <head> data
(description, canonical URL, Open Graph, schema.org JSON-LD), sitemap.xml,
robots.txt and an Atom feed of sources and events.

`base_url` is used only for absolute URLs here; every link inside the site stays
relative. Without a base_url there are no absolute URLs to give, so canonical
links, og:url, sitemap.xml and feed.xml are left out (robots.txt is still written)
— `musubi build --base-url https://…/` or `base_url` in pyproject.toml adds them.
Nothing here reads the clock: dates come from the articles and events, so two
builds give the same bytes.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from builder.dates import date_label, is_partial
from builder.labels import TYPE_LABELS

SCHEMA_TYPES = {
    "company": "Organization", "organization": "GovernmentOrganization", "person": "Person",
    "model": "SoftwareApplication", "index": "Intangible", "project": "Project", "place": "Place",
}
NOT_LISTED = {"404", "review", "redirect", "search"}  # pages left out of sitemap.xml
DESCRIPTION = 120  # characters


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + "/" + path if base_url else ""


def _first_sentence(text: str) -> str:
    body = " ".join(line.strip() for line in text.splitlines()[1:] if line.strip()) or text
    sentence = body.split("。", 1)[0]
    return _cut(sentence + ("。" if "。" in body else ""))


def _cut(text: str) -> str:
    return text if len(text) <= DESCRIPTION else text[: DESCRIPTION - 1] + "…"


def page_head(site, path: str, page_kind: str, subject: dict | None, base_url: str, title: str) -> dict:
    """description, canonical, og_type, jsonld (a dict for the `tojson` filter, or None), robots."""
    url = absolute(base_url, path) if page_kind not in ("404", "redirect") else ""
    head = {"description": f"{title}: 日本語ニュースの知識ベース", "canonical": url, "og_type": "website",
            "jsonld": None, "robots": "noindex" if page_kind in ("review", "redirect", "404") else "",
            "feed": absolute(base_url, "feed.xml")}
    if page_kind == "home":
        head["jsonld"] = {"@context": "https://schema.org", "@type": "WebSite", "name": title, "inLanguage": "ja",
                          **({"url": url} if url else {})}
    elif page_kind == "entity":
        e = subject
        head["description"] = _cut(f"{e['name']}（{TYPE_LABELS[e['type']]}）: {site.summary(e)}")
        head["jsonld"] = _entity_ld(site, e, base_url)
    elif page_kind == "event":
        head["description"] = _cut(f"{date_label(str(subject['date']))} {subject['title']}")
        head["jsonld"] = {"@context": "https://schema.org", "@type": "Event", "name": subject["title"],
                          **({} if is_partial(str(subject["date"])) else {"startDate": str(subject["date"])}),  # XXXX-XX-24 is no date to schema.org
                          "description": head["description"], "about": [_ref(site, x, base_url) for x in subject["entities"]]}
    elif page_kind == "source":
        head["og_type"] = "article"
        head["description"] = _first_sentence(subject["text"])
        article = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": subject["title"][:110],
                   "inLanguage": "ja", "description": head["description"],
                   "mentions": [_ref(site, x, base_url) for x in sorted({m["entity"] for m in subject["mentions"]})]}
        if subject.get("date"):
            article["datePublished"] = str(subject["date"])
        if subject.get("publisher"):
            article["publisher"] = {"@type": "Organization", "name": subject["publisher"]}
        if subject.get("url"):
            article["isBasedOn"] = subject["url"]
        if subject.get("author"):
            article["author"] = {"@type": "Person", "name": subject["author"]}
        if subject.get("tags"):
            article["keywords"] = list(subject["tags"])
        head["jsonld"] = article
    return head


def _ref(site, eid: str, base_url: str) -> dict:
    e = site.entities[eid]
    ref = {"@type": SCHEMA_TYPES[e["type"]], "name": e["name"]}
    if base_url:
        ref["@id"] = absolute(base_url, f"entities/{eid}.html")
    return ref


def _entity_ld(site, e: dict, base_url: str) -> dict:
    data = {"@context": "https://schema.org", **_ref(site, e["id"], base_url), "description": site.summary(e)}
    if e["aliases"]:
        data["alternateName"] = e["aliases"]
    if base_url:
        data["url"] = data["@id"]
    for r in e["relations"]:
        other = _ref(site, r["object"], base_url)
        if r["predicate"] == "developed_by" and e["type"] == "model":
            data["creator"] = other
        elif r["predicate"] == "founder_of" and e["type"] == "person":
            data.setdefault("worksFor", other)
        elif r["predicate"].endswith("_of") and e["type"] == "person":
            data["worksFor"] = other
        elif r["predicate"] == "located_in" and e["type"] in ("company", "organization"):
            data["location"] = other
    if e["type"] == "model":
        data["applicationCategory"] = "AI model"
    return data


def site_files(site, paths: list[str], base_url: str, title: str) -> dict[str, str]:
    """robots.txt always; sitemap.xml and feed.xml when base_url gives absolute URLs."""
    files = {"robots.txt": "User-agent: *\nAllow: /\n" + (f"Sitemap: {absolute(base_url, 'sitemap.xml')}\n" if base_url else "")}
    if base_url:
        files["sitemap.xml"] = _sitemap(site, paths, base_url)
        files["feed.xml"] = _feed(site, base_url, title)
    return files


def _listed(site, path: str) -> bool:
    if not path.endswith(".html") or path in ("404.html", "review.html", "search.html"):
        return False
    return not (path.startswith("entities/") and path[len("entities/"):-5] not in site.entities)  # redirects


def _sitemap(site, paths: list[str], base_url: str) -> str:
    dates = {f"sources/{s['id']}.html": s.get("date") for s in site.r.sources}
    dates.update({f"events/{ev['id']}.html": ev["date"] for ev in site.events if not is_partial(str(ev["date"]))})
    rows = []
    for path in paths:
        if _listed(site, path):
            day = str(dates.get(path) or "")
            lastmod = f"<lastmod>{day}</lastmod>" if len(day) == 10 else ""
            rows.append(f"  <url><loc>{escape(absolute(base_url, path))}</loc>{lastmod}</url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "\n".join(rows) + "\n</urlset>\n")


def _feed(site, base_url: str, title: str) -> str:
    """Atom: every source and event, newest first; undated ones after, by id."""
    entries = []
    for s in site.r.sources:
        entries.append((str(s.get("date") or ""), f"sources/{s['id']}.html", s["title"], _first_sentence(s["text"])))
    for ev in site.events:
        names = "、".join(site.entities[x]["name"] for x in ev["entities"])
        day = "" if is_partial(str(ev["date"])) else str(ev["date"])  # a day without its month is undated to a feed reader
        entries.append((day, f"events/{ev['id']}.html", ev["title"], f"{date_label(str(ev['date']))} {names}"))
    entries.sort(key=lambda e: e[1])
    entries.sort(key=lambda e: _day(e[0]), reverse=True)  # newest first; undated last
    latest = max((_day(e[0]) for e in entries if e[0]), default="1970-01-01")
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja">',
           f"  <title>{escape(title)}</title>", f"  <id>{escape(absolute(base_url, ''))}</id>",
           f"  <link rel=\"alternate\" href={quoteattr(absolute(base_url, 'index.html'))}/>",
           f"  <link rel=\"self\" href={quoteattr(absolute(base_url, 'feed.xml'))}/>",
           f"  <updated>{latest}T00:00:00Z</updated>", "  <author><name>musubi</name></author>"]
    for day, path, name, summary in entries:
        url = absolute(base_url, path)
        out += ["  <entry>", f"    <title>{escape(name)}</title>", f"    <id>{escape(url)}</id>",
                f"    <link href={quoteattr(url)}/>", f"    <updated>{_day(day) if day else latest}T00:00:00Z</updated>",
                f"    <summary>{escape(summary)}</summary>", "  </entry>"]
    return "\n".join([*out, "</feed>"]) + "\n"


def _day(date: str) -> str:
    """A full day for a date that may be a month (2025-01) or a year."""
    parts = (date.split("-") + ["01", "01"])[:3] if date else ["0000", "01", "01"]
    return "-".join(parts)
