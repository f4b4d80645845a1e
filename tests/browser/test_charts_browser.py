"""The statistics charts as a delegate sees them on a laptop and on a phone: every label is drawn
at a legible size (at least 11 px on screen, whatever the chart's viewBox was scaled to), one
drawing of each chart is shown, and it fits the column."""

from __future__ import annotations

from typing import Any

import pytest

from redraft.site import urls

from .test_site_browser import goto

pytestmark = pytest.mark.browser

LEGIBLE_PX = 11.0
CHARTS = 5
"""Per guideline, per party, dispositions, replies per month, replies per call (the page's
Markdown is tested for the same five in tests/test_site_languages.py)."""

SHOWN_CHARTS = """() => Array.from(document.querySelectorAll('svg.redraft-chart'))
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .map(svg => ({
    chart: svg.getAttribute('aria-labelledby'),
    width: svg.getBoundingClientRect().width,
    column: svg.closest('.md-content').getBoundingClientRect().width,
    // the size a reader sees: the font size times the scale the viewBox was drawn at
    smallest: Math.min(...Array.from(svg.querySelectorAll('text')).map(
      text => parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a)),
    labels: svg.querySelectorAll('text').length,
  }))"""


@pytest.mark.parametrize("width", [1366, 720, 390, 320])
@pytest.mark.parametrize("tree", ["", "zh/", "ar/"])
def test_chart_labels_are_legible_at_every_width(
    page: Any, site_url: str, tree: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    goto(page, site_url, tree + urls.STATS)
    shown = page.evaluate(SHOWN_CHARTS)
    assert len(shown) == CHARTS, shown  # one drawing of each chart, never both
    narrow = width < 720
    for chart in shown:
        assert chart["chart"].endswith("_narrow") == narrow, chart
        assert chart["labels"] > 0, chart
        assert chart["smallest"] >= LEGIBLE_PX, chart
        assert chart["width"] <= chart["column"] + 1, chart


def test_the_phone_chart_says_what_the_wide_chart_says(page: Any, site_url: str) -> None:
    """Both drawings carry the same title and text alternative, and the same figures."""
    goto(page, site_url, urls.STATS)
    pairs = page.evaluate(
        """() => Array.from(document.querySelectorAll('svg.redraft-chart-narrow')).map(narrow => {
          const wide = narrow.parentElement.querySelector(
            'svg.redraft-chart:not(.redraft-chart-narrow)');
          const said = svg => [svg.querySelector('title').textContent,
                               svg.querySelector('desc').textContent];
          const totals = svg => Array.from(svg.querySelectorAll('text'))
            .map(t => t.textContent).filter(t => /^\\d+$/.test(t));
          return {narrow: said(narrow), wide: said(wide), narrowTotals: totals(narrow),
                  wideTotals: totals(wide), id: wide.getAttribute('aria-labelledby')};
        })"""
    )
    assert len(pairs) == CHARTS
    for pair in pairs:
        assert pair["narrow"] == pair["wide"], pair
        if pair["id"] != "replies_chart":  # columns write no figure under an empty month
            assert pair["narrowTotals"] == pair["wideTotals"], pair
        assert pair["narrowTotals"], pair
