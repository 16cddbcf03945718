"""What static hosts, search engines and other sites read: each page's <head> data
(description, canonical URL, Open Graph, schema.org JSON-LD), sitemap.xml,
robots.txt and an Atom feed of sources and events.

`base_url` is used only for absolute URLs here; every link inside the site stays
relative. Without a base_url there are no absolute URLs to give, so canonical
links, og:url, sitemap.xml and feed.xml are left out (robots.txt is still written)
— `musubi build --base-url https://…/` or `base_url` in pyproject.toml adds them.
Nothing here reads the clock: dates come from the articles and events, so two
builds give the same bytes — and nothing is given a date it does not have: the
feed lists only what has a day (see `feed`).
"""

from __future__ import annotations

from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from builder.files.datafiles import load_data
from builder.read.dates import date_label, is_partial
from builder.site.labels import TYPE_LABELS

SCHEMA_TYPES = {
    "company": "Organization", "organization": "GovernmentOrganization", "person": "Person",
    "model": "SoftwareApplication", "index": "Intangible", "project": "Project", "place": "Place",
}
NOT_LISTED = {"404", "review", "redirect", "search"}  # pages left out of sitemap.xml
DESCRIPTION = 120  # characters


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + "/" + path if base_url else ""


BODY = ("paragraph", "list_item")  # the blocks of what an article says; its title, headings and `Source:` line are others
BYLINE_MAX = 30  # characters: a line this short, without 。, that names the author is a byline


def lead(source: dict) -> str:
    """The first sentence of the article's body, for its description and its feed summary: a
    summary that starts 日本経済新聞 2025年1月28日 10:15 Source: … tells a reader nothing. The
    body is its paragraph and list-item blocks — the dateline is in no block, the title,
    headings and `Source:` line are blocks of their own —, less a leading byline (By Jane
    Doe, or a short line naming the author). '' when the article has no body."""
    text, authors = source["text"], source.get("author") or []
    byline_words = tuple(f"{w} " for w in load_data("cues.yaml")["byline_words"])
    for block in source.get("blocks") or ():
        line = text[block["start"] : block["end"]].strip()
        if block["kind"] not in BODY or not line:
            continue
        if len(line) <= BYLINE_MAX and "。" not in line and (line.startswith(byline_words) or any(a in line for a in authors)):
            continue
        sentence = line.split("。", 1)[0]
        return _cut(sentence + ("。" if "。" in line else ""))
    return ""


def _cut(text: str) -> str:
    return text if len(text) <= DESCRIPTION else text[: DESCRIPTION - 1] + "…"


def page_head(site, path: str, page_kind: str, subject: dict | None, base_url: str, title: str, feed: bool = False) -> dict:
    """description, canonical, og_type, jsonld (a dict for the `tojson` filter, or None), robots,
    and the feed's address when there is one (`feed`: the build writes feed.xml)."""
    url = absolute(base_url, path) if page_kind not in ("404", "redirect") else ""
    head = {"description": f"{title}: 日本語ニュースの知識ベース", "canonical": url, "og_type": "website",
            "jsonld": None, "robots": "noindex" if page_kind in ("review", "redirect", "404") else "",
            "feed": absolute(base_url, "feed.xml") if feed else ""}
    if page_kind == "home":
        head["jsonld"] = {"@context": "https://schema.org", "@type": "WebSite", "name": title, "inLanguage": "ja",
                          **({"url": url} if url else {})}
    elif page_kind == "entity":
        e = subject
        about = site.summary(e)
        if about == TYPE_LABELS[e["type"]]:  # 「企業（企業）: 企業」 says nothing; how widely it is reported does
            about = f"{len({m['source'] for m in e['mentions']})} 本の記事に登場"
        head["description"] = _cut(f"{e['name']}（{TYPE_LABELS[e['type']]}）: {about}")
        head["jsonld"] = _entity_ld(site, e, base_url)
    elif page_kind == "event":
        head["description"] = _cut(f"{date_label(str(subject['date']))} {subject['title']}")
        head["jsonld"] = {"@context": "https://schema.org", "@type": "Event", "name": subject["title"],
                          **({} if is_partial(str(subject["date"])) else {"startDate": str(subject["date"])}),  # XXXX-XX-24 is no date to schema.org
                          "description": head["description"], "about": [_ref(site, x, base_url) for x in subject["entities"]]}
    elif page_kind == "source":
        head["og_type"] = "article"
        head["description"] = lead(subject) or head["description"]
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


def site_files(site, paths: list[str], base_url: str, feed_xml: str | None) -> dict[str, str]:
    """robots.txt always; sitemap.xml when base_url gives absolute URLs, and the feed made by `feed`."""
    files = {"robots.txt": _robots(base_url)}
    if base_url:
        files["sitemap.xml"] = _sitemap(site, paths, base_url)
    if feed_xml:
        files["feed.xml"] = feed_xml
    return files


def _robots(base_url: str) -> str:
    """Crawlers read robots.txt only at the root of a host (https://example.org/robots.txt), so
    for a site published under a sub-path this file is never read where it is: it says so, and
    its Sitemap line — the sitemap's absolute URL, which is under the sub-path — is the one to
    copy into the host's own robots.txt."""
    lines = ["User-agent: *", "Allow: /"]
    if base_url:
        address = urlsplit(base_url)
        if address.path.strip("/"):
            lines.insert(0, f"# Crawlers read only {address.scheme}://{address.netloc}/robots.txt: this site is under a sub-path,"
                            " so copy the Sitemap line there.")
        lines.append(f"Sitemap: {absolute(base_url, 'sitemap.xml')}")
    return "\n".join(lines) + "\n"


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


def _full_day(date) -> str:
    """The date if it is a whole day (2025-01-28), else '': a month (2025-01), a year or a day
    whose month no source gave (XXXX-XX-24) is not one."""
    day = str(date or "")
    return day if len(day) == 10 and not is_partial(day) else ""


def feed(site, base_url: str, title: str) -> str | None:
    """Atom: the sources and events that have a day, newest first (by id within a day); None
    without a base_url or when nothing has a day. Atom wants an <updated> instant for every
    entry and for the feed; an article without a date, or with only its month, has none, and
    any date given to it — the archive's newest day, the first of its month — would be false
    (a reader would show an old article as new). So they are left out: their pages are on
    the site (sources/by-month/undated.html, timeline/unknown.html), and the feed's own
    <updated> is its newest entry's day."""
    if not base_url:
        return None
    entries = []
    for s in site.r.sources:
        if day := _full_day(s.get("date")):
            entries.append((day, f"sources/{s['id']}.html", s["title"], lead(s)))
    for ev in site.events:
        if day := _full_day(ev["date"]):
            names = "、".join(site.entities[x]["name"] for x in ev["entities"])
            entries.append((day, f"events/{ev['id']}.html", ev["title"], f"{date_label(day)} {names}"))
    if not entries:
        return None
    entries.sort(key=lambda e: e[1])
    entries.sort(key=lambda e: e[0], reverse=True)  # newest first
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja">',
           f"  <title>{escape(title)}</title>", f"  <id>{escape(absolute(base_url, ''))}</id>",
           f"  <link rel=\"alternate\" href={quoteattr(absolute(base_url, 'index.html'))}/>",
           f"  <link rel=\"self\" href={quoteattr(absolute(base_url, 'feed.xml'))}/>",
           f"  <updated>{entries[0][0]}T00:00:00Z</updated>", "  <author><name>musubi</name></author>"]
    for day, path, name, summary in entries:
        url = absolute(base_url, path)
        out += ["  <entry>", f"    <title>{escape(name)}</title>", f"    <id>{escape(url)}</id>",
                f"    <link href={quoteattr(url)}/>", f"    <updated>{day}T00:00:00Z</updated>",
                *([f"    <summary>{escape(summary)}</summary>"] if summary else []), "  </entry>"]
    return "\n".join([*out, "</feed>"]) + "\n"
