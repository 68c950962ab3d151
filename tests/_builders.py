"""Small builders for hand-typed plans in tests (values typed from the document's lines)."""

from __future__ import annotations

from decimal import Decimal

from zhospar.model.plan import Indicator, IndicatorSection, Phase, YearValue

YEARS = range(2008, 2015)


def values(line: int, *cells: str) -> list[YearValue]:
    """One value per year 2008-2014, as printed on ``line`` (decimal comma allowed)."""
    return [
        YearValue(
            year=year,
            phase=Phase.REPORTED if year < 2010 else Phase.PLANNED,
            value=Decimal(cell.replace(",", ".")),
            raw=cell,
            line=line,
        )
        for year, cell in zip(YEARS, cells, strict=True)
    ]


def indicator(id_: str, name: str, unit: str | None, line: int, **kw: object) -> Indicator:
    """An indicator whose section follows from its id (G: target, T: task, P: program)."""
    section = {"T": IndicatorSection.TASK, "P": IndicatorSection.PROGRAM}.get(
        id_[:1], IndicatorSection.TARGET
    )
    return Indicator(id=id_, section=section, name=name, unit=unit, line=line, **kw)  # type: ignore[arg-type]
