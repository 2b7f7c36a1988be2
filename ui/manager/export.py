"""The summary to files: CSV for Nordic spreadsheets and PDF with the charts."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, Qt
from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from ui.manager.data import FIGURES, SummaryData, change, figure
from ui.window.fmt import Formats


def _tr(text: str) -> str:
    return QCoreApplication.translate("manager", text)


def decimal(value: float, places: int = 2) -> str:
    """A number with a decimal comma and no grouping, as Excel in nb/sv reads it."""
    return f"{value:.{places}f}".replace(".", ",")


def _cell(kind: str, value: float) -> str:
    if kind == "money":
        return decimal(value / 100)
    if kind == "share":
        return decimal(value * 100, 1)
    return str(int(value))


def _pct(now: float, then: float) -> str:
    _, rel = change(now, then)
    return "" if rel is None else decimal(rel * 100, 1)


def summary_rows(data: SummaryData) -> list[list[str]]:
    """The summary as spreadsheet rows (money in major units, rates and changes in %)."""
    rows = [
        [
            Q.translate("manager", "Figure"),
            f"{data.first}..{data.last}",
            data.previous.first + ".." + data.previous.last,
            Q.translate("manager", "Change %"),
            data.week_ago.first + ".." + data.week_ago.last,
            Q.translate("manager", "Change %"),
        ]
    ]
    for key, label, kind in FIGURES:
        now, prev, week = (figure(s, key) for s in (data.now, data.previous, data.week_ago))
        name = _tr(label) + (f" ({data.currency})" if kind == "money" else
                             " (%)" if kind == "share" else "")
        rows.append([name, _cell(kind, now), _cell(kind, prev), _pct(now, prev),
                     _cell(kind, week), _pct(now, week)])
    rows.append([])
    rows.append([Q.translate("manager", "Reward"), Q.translate("manager", "Redeemed")])
    rows += [[title, str(n)] for title, n in data.rewards()]
    rows.append([])
    rows.append([Q.translate("manager", "Hour"), str(data.last), str(data.week_ago.last)])
    rows += [[f"{h:02d}", str(a), str(b)]
             for h, (a, b) in enumerate(zip(data.hours, data.hours_week_ago, strict=True))]
    rows.append([])
    rows.append(
        [
            Q.translate("manager", "Week"),
            Q.translate("manager", "Visits"),
            Q.translate("manager", "Member revenue") + f" ({data.currency})",
        ]
    )
    rows += [[f"{w.first}..{w.last}", str(w.visits), decimal(w.member_revenue_minor / 100)]
             for w in data.weeks]
    return rows


def write_csv(path: str | Path, rows: list[list[str]]) -> None:
    """UTF-8 with a byte-order mark and `;` between fields, as Nordic Excel expects."""
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)


def write_pdf(path: str | Path, data: SummaryData, f: Formats, charts: list[QImage]) -> None:
    """One A4 page: the figures as a table and the charts under it."""
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait, QMarginsF(12, 12, 12, 12)))
    writer.setResolution(150)
    writer.setTitle(Q.translate("manager", "Summary") + f" {data.first}..{data.last}")
    painter = QPainter(writer)
    try:
        width = writer.width()
        y = 0.0
        title = QFont("DejaVu Sans", 16, QFont.Weight.Bold)
        body = QFont("DejaVu Sans", 9)
        painter.setFont(title)
        scope = Q.translate("manager", "whole organisation") if data.whole_org else data.shop_name
        painter.drawText(
            QRectF(0, y, width, 50),
            Qt.AlignmentFlag.AlignLeft,
            f"{scope}: {f.day(data.first)}"
            + ("" if data.first == data.last else f" – {f.day(data.last)}"),
        )
        y += 60
        painter.setFont(body)
        line = 30
        columns = [0.0, 0.36, 0.52, 0.64, 0.80, 0.92]
        header = [
            Q.translate("manager", "Figure"),
            Q.translate("manager", "This period"),
            Q.translate("manager", "Before"),
            "",
            Q.translate("manager", "Week before"),
            "",
        ]
        for x, text in zip(columns, header, strict=True):
            painter.drawText(QRectF(x * width, y, width * 0.3, line), 0, text)
        y += line
        for key, label, kind in FIGURES:
            now, prev, week = (figure(s, key) for s in (data.now, data.previous, data.week_ago))
            cells = [_tr(label), show(f, kind, now), show(f, kind, prev), arrow_text(now, prev),
                     show(f, kind, week), arrow_text(now, week)]
            for x, text in zip(columns, cells, strict=True):
                painter.drawText(QRectF(x * width, y, width * 0.3, line), 0, text)
            y += line
        y += line
        # Charts two to a row, each fitted into its box keeping its shape.
        box_w, box_h = width / 2 - 10, writer.height() * 0.28
        for i, image in enumerate(c for c in charts if not c.isNull()):
            if i % 2 == 0 and i:
                y += box_h + 10
            if y + box_h > writer.height():
                writer.newPage()
                y = 0.0
            scale = min(box_w / image.width(), box_h / image.height())
            x = (i % 2) * (width / 2)
            painter.drawImage(QRectF(x, y, image.width() * scale, image.height() * scale),
                              image)
    finally:
        painter.end()


def show(f: Formats, kind: str, value: float) -> str:
    """A figure as a person reads it: '1 234', 'kr 89,50', '45 %'."""
    if kind == "money":
        return f.money(int(value))
    if kind == "share":
        return f"{f.locale.toString(round(value * 100))} %"
    return f.locale.toString(int(value))


def arrow_text(now: float, then: float) -> str:
    """'▲ 12 %', '▼ 5 %', '= 0 %', or '▲ new' when there was nothing before."""
    arrow, rel = change(now, then)
    mark = {"up": "▲", "down": "▼", "same": "="}[arrow]
    if rel is None:
        return f"{mark} " + (Q.translate("manager", "new") if now else "0 %")
    return f"{mark} {abs(round(rel * 100))} %"
