"""Charts with pyqtgraph (QtCharts is not in the PySide6-Essentials wheel the till uses).

Each chart is a PlotWidget coloured from the application's palette, so both themes read;
bars and lines only, labelled with words on the axes a café owner reads.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

NOW = "#ef6c00"  # this period
THEN = "#78909c"  # the period compared with
MONEY = "#2e7d32"


def _colours() -> tuple[str, str]:
    palette = QApplication.palette()
    return (palette.color(QPalette.ColorRole.Base).name(),
            palette.color(QPalette.ColorRole.Text).name())


def plot(title: str, *, height: int = 240) -> pg.PlotWidget:
    """An empty chart in the theme's colours."""
    back, text = _colours()
    widget = pg.PlotWidget(background=back)
    widget.setMinimumHeight(height)
    item = widget.getPlotItem()
    item.setTitle(title, color=text, size="12pt")
    item.setMenuEnabled(False)
    item.hideButtons()
    widget.setMouseEnabled(x=False, y=False)
    for side in ("left", "bottom"):
        axis = item.getAxis(side)
        axis.setPen(pg.mkPen(text))
        axis.setTextPen(pg.mkPen(text))
    item.showGrid(y=True, alpha=0.25)
    return widget


def _ticks(widget: pg.PlotWidget, labels: Sequence[str], *, every: int = 1) -> None:
    ticks = [(i, label) for i, label in enumerate(labels) if i % every == 0]
    widget.getPlotItem().getAxis("bottom").setTicks([ticks])


def bars_beside(widget: pg.PlotWidget, labels: Sequence[str], now: Sequence[float],
                then: Sequence[float], names: tuple[str, str], *, every: int = 1) -> None:
    """Two series of bars side by side per label (this period, and the one compared with)."""
    item = widget.getPlotItem()
    item.clear()
    legend = item.legend or item.addLegend(offset=(10, 5))
    legend.clear()
    xs = list(range(len(labels)))
    a = pg.BarGraphItem(x=[x - 0.2 for x in xs], height=list(then), width=0.4,
                        brush=QColor(THEN), pen=pg.mkPen(None))
    b = pg.BarGraphItem(x=[x + 0.2 for x in xs], height=list(now), width=0.4,
                        brush=QColor(NOW), pen=pg.mkPen(None))
    item.addItem(a)
    item.addItem(b)
    legend.addItem(b, names[0])
    legend.addItem(a, names[1])
    _ticks(widget, labels, every=every)
    item.setYRange(0, max([1, *now, *then]) * 1.15, padding=0)
    item.setXRange(-0.7, len(labels) - 0.3, padding=0)


def bars(widget: pg.PlotWidget, labels: Sequence[str], values: Sequence[float], *,
         colour: str = NOW, every: int = 1, horizontal_labels: bool = True) -> None:
    """One series of bars."""
    item = widget.getPlotItem()
    item.clear()
    if not labels:
        labels, values = [""], [0]
    item.addItem(pg.BarGraphItem(x=list(range(len(labels))), height=list(values), width=0.6,
                                 brush=QColor(colour), pen=pg.mkPen(None)))
    _ticks(widget, labels, every=every)
    item.setYRange(0, max([1, *values]) * 1.15, padding=0)
    item.setXRange(-0.7, len(labels) - 0.3, padding=0)


def line(widget: pg.PlotWidget, labels: Sequence[str], values: Sequence[float], *,
         colour: str = MONEY, every: int = 1) -> None:
    """One series as a line with dots."""
    item = widget.getPlotItem()
    item.clear()
    item.plot(list(range(len(values))), list(values), pen=pg.mkPen(colour, width=3),
              symbol="o", symbolBrush=QColor(colour), symbolPen=pg.mkPen(colour))
    _ticks(widget, labels, every=every)
    item.setYRange(0, max([1, *values]) * 1.15, padding=0)
    item.setXRange(-0.5, max(len(labels) - 0.5, 0.5), padding=0)
