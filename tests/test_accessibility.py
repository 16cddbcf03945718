"""axe-core (bundled with axe-playwright-python, run in Debian's chromium) on every kind of
page: no serious or critical violations, in light and dark colours."""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe


def pages(built_site) -> list[str]:
    data = json.loads((built_site / "kb.json").read_text(encoding="utf-8"))
    entity = max(data["entities"], key=lambda e: len(e["mentions"]))["id"]
    return ["index.html", f"entities/{entity}.html", f"sources/{data['sources'][0]['id']}.html",
            "timeline.html", "timeline/2025-01.html", "graph.html", "search.html?q=アルトマン", "events/index.html", "types/company.html", "types/index.html",
            "review.html"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_violations(browser, site_url, built_site, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    axe = Axe()
    found = []
    for path in pages(built_site):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        for v in axe.run(page).response["violations"]:
            if v["impact"] in ("serious", "critical"):
                found.append(f"{path}: {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}")
    context.close()
    assert not found, "\n".join(found)
