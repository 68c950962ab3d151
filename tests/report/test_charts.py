"""The plan-vs-fact charts: one layout drawn as SVG (HTML) and PNG (DOCX).

Hand-computed expectations for unemployment (G1.1-I1) in the 2012 report: reported 6,9 (2008)
and 8,0 (2009), targets 6,6 6,4 6,2 6,0 5,9 (2010-2014, line 217) and the facts 5.775, 5.4,
5.3 (2010-2012, csv rows 2-4). The largest value is 8, so the gridlines step by 2 (8 / 5 = 1.6,
rounded up to 2) from 0 to 8.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from importlib import resources
from xml.etree import ElementTree

import pytest
from PIL import Image

from zhospar.i18n import use_language
from zhospar.ingest import ReadResult
from zhospar.model.actuals import ActualInput
from zhospar.report import AnnualReport, ChartPoint, ChartSeries, build_report
from zhospar.report.charts import chart_png, chart_svg, layout

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def unemployment(bundled: ReadResult, real_facts: list[ActualInput]) -> ChartSeries:
    report: AnnualReport = build_report(bundled.plan, real_facts, 2012)
    (chart,) = [c for c in report.charts if c.indicator_id == "G1.1-I1"]
    return chart


def _texts(svg: str) -> list[str]:
    return [t.text or "" for t in ElementTree.fromstring(svg).iter(f"{SVG}text")]


def test_svg_shows_years_gridlines_and_legend(unemployment: ChartSeries) -> None:
    texts = _texts(chart_svg(unemployment))
    assert texts[0] == "G1.1-I1"
    assert [t for t in texts if re.fullmatch(r"20\d\d", t)] == [str(y) for y in range(2008, 2015)]
    assert [t for t in texts if re.fullmatch(r"\d", t)] == ["0", "2", "4", "6", "8"]
    assert texts[-3:] == ["Reported (plan)", "Target (plan)", "Fact"]


def test_bars_and_dots_stand_where_the_values_are(unemployment: ChartSeries) -> None:
    shapes = layout(unemployment)
    bars = [b for b in shapes.boxes if b.width > 12]  # the legend's swatches are 12 wide
    assert len(bars) == 7  # two reported years, five targets
    zero = max(b.y + b.height for b in bars)
    heights = [b.height for b in bars]
    # 8.0 (2009) is the tallest bar; 6.9 / 8.0 of it is 2008's, 5.9 / 8.0 is 2014's
    assert heights[1] == max(heights)
    assert heights[0] / heights[1] == pytest.approx(6.9 / 8.0)
    assert heights[-1] / heights[1] == pytest.approx(5.9 / 8.0)
    assert all(b.y + b.height == pytest.approx(zero) for b in bars)
    assert len(shapes.dots) == 3  # facts 2010-2012
    assert (zero - shapes.dots[0].y) / heights[1] == pytest.approx(5.775 / 8.0)
    (line,) = shapes.lines
    assert len(line.points) == 3


def test_the_fact_line_is_not_drawn_across_a_year_without_a_fact() -> None:
    series = ChartSeries(
        "X-1",
        "X-1",
        (
            ChartPoint(2010, None, Decimal(10), Decimal(9)),
            ChartPoint(2011, None, Decimal(10), None),
            ChartPoint(2012, None, Decimal(10), Decimal(11)),
            ChartPoint(2013, None, Decimal(10), Decimal(12)),
        ),
    )
    shapes = layout(series)
    assert len(shapes.dots) == 3
    assert [len(s.points) for s in shapes.lines] == [2]  # 2012-2013 only; 2010 stands alone
    assert "Reported (plan)" not in _texts(chart_svg(series))


def test_large_values_read_in_full_never_in_scientific_notation() -> None:
    """802 783 135 / 5 = 160 556 627, rounded up to a step of 200 000 000."""
    series = ChartSeries("P-1", "P-1", (ChartPoint(2012, None, Decimal(802_783_135), None),))
    texts = _texts(chart_svg(series))
    assert "200 000 000" in texts and "1 000 000 000" in texts
    assert not [t for t in texts if "e+" in t or "E" in t]


def test_the_title_is_escaped() -> None:
    series = ChartSeries("<b>", "<script>x</script>", (ChartPoint(2012, None, Decimal(1), None),))
    svg = chart_svg(series)
    assert "<script>" not in svg
    assert _texts(svg)[0] == "<script>x</script>"


def test_png_is_the_docx_picture_size_and_the_same_each_time(unemployment: ChartSeries) -> None:
    png = chart_png(unemployment)
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG" and image.size == (768, 384)
        assert image.getpixel((5, 5)) == (255, 255, 255)
    assert chart_png(unemployment) == png
    assert chart_svg(unemployment) == chart_svg(unemployment)


KAZAKH_LETTERS = "ӘҒҚҢӨҰҮҺІәғқңөұүһі"  # the letters Kazakh adds to the Russian alphabet


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_png_legend_speaks_the_report_s_language_in_a_font_that_has_its_letters(
    unemployment: ChartSeries, language: str
) -> None:
    """Pillow's own font has Latin letters only: the PNG once fell back to an English legend."""
    from fontTools.ttLib import TTFont

    from zhospar.report import charts

    with use_language(language):
        words = "".join(label.text for label in layout(unemployment).labels)
        png = chart_png(unemployment)
    with use_language("en"):
        english = chart_png(unemployment)
    assert png != english  # the legend is drawn in the language, not in English
    assert any("а" <= letter <= "я" for letter in words.lower())
    font = resources.files("zhospar.report") / "fonts" / charts.FONT
    with resources.as_file(font) as path:
        cmap = TTFont(path).getBestCmap()
    missing = {c for c in words + KAZAKH_LETTERS + "№–—×" if not c.isspace() and ord(c) not in cmap}
    assert missing == set()
    drawn_with = charts._font(12)
    assert str(getattr(drawn_with, "path", "")).endswith(charts.FONT)  # not Pillow's own
