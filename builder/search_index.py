"""The search index the browser loads (assets/search-index.js)."""

from __future__ import annotations


def search_files(site) -> dict[str, str]:
    return {}
