"""Funding figures as chart geometry for server-rendered SVG: no script, no CDN."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from indexer.types import FundingRow
from nlp.types import Value

WIDTH = 640
ROW = 26  # height of one bar row
LABEL = 220  # room for the labels left of horizontal bars
PALETTE = 8  # colours in style.css: .series-0 … .series-7
TOP = 10


@dataclass(frozen=True)
class Bar:
    """A rectangle with its label and value."""

    label: str
    value: float
    x: float
    y: float
    width: float
    height: float
    series: int = 0


@dataclass(frozen=True)
class Chart:
    """Bars on a canvas; `legend` names the series of a stacked chart."""

    width: int
    height: int
    bars: tuple[Bar, ...]
    legend: tuple[str, ...] = ()
    axis: tuple[tuple[str, float], ...] = ()  # (label, x or y) ticks


def amount(value: Value) -> float:
    """One number for a stated amount: a range counts as its middle, "up to" as its limit."""
    if value is None:
        return 0.0
    if isinstance(value, tuple):
        low, high = value
        return high if not low else (low + high) / 2
    return value


def horizontal(items: list[tuple[str, float]]) -> Chart:
    """One bar per (label, value), longest first as given, scaled to the largest."""
    top = max((v for _, v in items), default=0.0) or 1.0
    span = WIDTH - LABEL - 90  # room for the value after the bar
    bars = tuple(
        Bar(label, value, LABEL, i * ROW + 4, max(1.0, span * value / top), ROW - 8)
        for i, (label, value) in enumerate(items)
    )
    return Chart(WIDTH, max(ROW, len(items) * ROW + 4), bars)


def stacked_columns(totals: dict[str, dict[str, float]]) -> Chart:
    """One column per year (sorted), stacked by series; `totals[year][series]`."""
    years = sorted(totals)
    series = sorted({s for per in totals.values() for s in per})[:PALETTE]
    height, bottom, left = 260, 230, 10
    top = max((sum(per.values()) for per in totals.values()), default=0.0) or 1.0
    step = (WIDTH - left) / max(1, len(years))
    bars: list[Bar] = []
    for i, year in enumerate(years):
        y = float(bottom)
        for s, name in enumerate(series):
            value = totals[year].get(name, 0.0)
            if value <= 0:
                continue
            h = max(1.0, (bottom - 20) * value / top)
            y -= h
            bars.append(Bar(f"{name} {year}", value, left + i * step + 6, y, step - 12, h, s))
    axis = tuple((year, left + i * step + step / 2) for i, year in enumerate(years))
    return Chart(WIDTH, height, tuple(bars), legend=tuple(series), axis=axis)


@dataclass(frozen=True)
class Overview:
    """The funding page: charts and the numbers behind them."""

    events: int
    total: float
    by_programme_year: Chart
    top_recipients: Chart
    timeline: list[tuple[str, list[tuple[str, float, float]]]]  # cluster → (year, amount, r)
    years: list[str]


def overview(rows: list[FundingRow], clusters: set[str]) -> Overview:
    """Amounts per programme per year, top recipients, and a timeline per cluster."""
    per_year: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    recipients: dict[str, float] = defaultdict(float)
    per_cluster: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in rows:
        value = amount(row.funding.amount)
        year = row.date[:4] if row.date else "ukjent år"
        per_year[year][row.funding.programme or "uten program"] += value
        if row.funding.recipient:
            recipients[row.funding.recipient] += value
            if row.funding.recipient in clusters:
                per_cluster[row.funding.recipient][year] += value
    best = sorted(recipients.items(), key=lambda item: -item[1])[:TOP]
    years = sorted({y for per in per_cluster.values() for y in per})
    largest = max((v for per in per_cluster.values() for v in per.values()), default=1.0) or 1.0
    timeline = [
        (name, [(y, v, 3 + 9 * math.sqrt(v / largest)) for y, v in sorted(per.items())])
        for name, per in sorted(per_cluster.items())
    ]
    return Overview(
        events=len(rows),
        total=sum(amount(r.funding.amount) for r in rows),
        by_programme_year=stacked_columns({y: dict(v) for y, v in per_year.items()}),
        top_recipients=horizontal(best),
        timeline=timeline,
        years=years,
    )
