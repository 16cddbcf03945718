"""What a static host and other sites read: per-page <head> data (canonical URL, Open Graph,
schema.org JSON-LD), sitemap.xml, robots.txt and the Atom feed.

`base_url` is used only for absolute URLs here; links inside the site stay relative.
"""

from __future__ import annotations


def page_head(site, path: str, page_kind: str, subject: dict | None, base_url: str, title: str) -> dict:
    """What goes in one page's <head> besides the title (see templates/head.html)."""
    return {"description": "", "canonical": "", "og_type": "website", "jsonld": None}


def site_files(site, paths: list[str], base_url: str, title: str) -> dict[str, str]:
    """Files about the whole site, given the paths of every other file."""
    return {}
