"""The entity graph: laid out at build time, drawn as SVG (no script library)."""

from __future__ import annotations


class Graph:
    def __init__(self, records):
        self.records = records

    def neighbourhood(self, eid: str) -> dict:
        return {}
