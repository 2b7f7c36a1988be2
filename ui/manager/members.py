"""Members: a searchable, sortable table over the core in pages, a member's file, and the
CSV import with its preview.

The table model holds only the pages the view has asked for; a missing page is fetched
through the operations layer and painted when it comes. Typing in the search box waits for
a pause (SEARCH_PAUSE_MS), and a query the user has already typed past is skipped on the
writer thread, so the window never waits for the database.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.manager.audit import what
from ui.manager.common import Page, event_words, fill, table, title, tr

PAGE = 100
KEEP_PAGES = 40
SEARCH_PAUSE_MS = 150
COLUMNS = (
    ("name", QT_TRANSLATE_NOOP("manager", "Name")),
    ("phone", QT_TRANSLATE_NOOP("manager", "Phone")),
    ("stamps", QT_TRANSLATE_NOOP("manager", "Stamps")),
    ("points", QT_TRANSLATE_NOOP("manager", "Points")),
    ("cashback", QT_TRANSLATE_NOOP("manager", "Cashback")),
    ("spend", QT_TRANSLATE_NOOP("manager", "Spend")),
    ("joined", QT_TRANSLATE_NOOP("manager", "Joined")),
)
Index = QModelIndex | QPersistentModelIndex

# What `ui.manager.audit.what` reads of an event, from the history's dictionaries.
_FIGURES = ("stamps", "points", "amount_minor", "cashback_minor", "reward_id", "reverses")


class MembersModel(QAbstractTableModel):
    """The organisation's members, sorted and searched by the core, a page at a time."""

    searched = Signal(int)  # a search's first page is in (the match count)
    page_loaded = Signal(int)  # a later page is in (its number)
    failed = Signal(object)

    def __init__(self, ops: Any, formats: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.f = formats
        self.query = ""
        self.sort_key = "name"
        self.descending = False
        self.total = 0
        self.pages: dict[int, list[Any]] = {}
        self._asked: set[int] = set()
        self._generation = 0

    # --- asking the core ------------------------------------------------------------------

    def search(self, query: str) -> None:
        """Show the members matching `query` from the top."""
        self.query = query
        self._generation += 1
        generation = self._generation
        q, key, desc = query, self.sort_key, self.descending

        def fetch(till: Any) -> Any:
            if generation != self._generation:
                return None  # typed past already: skip the query
            return till.members_page(q, sort=key, descending=desc, offset=0, limit=PAGE)

        self.ops.op(fetch, owner=self, label="members").success(
            lambda result: self._first(generation, result)).failure(
            self.failed.emit).run_in_background()

    def _first(self, generation: int, result: Any) -> None:
        if result is None or generation != self._generation:
            return
        rows, total = result
        self.beginResetModel()
        self.total = total
        self.pages = {0: rows}
        self._asked = {0}
        self.endResetModel()
        self.searched.emit(total)

    def _fetch(self, page: int) -> None:
        if page in self._asked:
            return
        self._asked.add(page)
        generation = self._generation
        q, key, desc = self.query, self.sort_key, self.descending

        def fetch(till: Any) -> Any:
            if generation != self._generation:
                return None
            return till.members_page(q, sort=key, descending=desc, offset=page * PAGE,
                                     limit=PAGE)

        self.ops.op(fetch, owner=self, label="members page").success(
            lambda result: self._page(generation, page, result)).failure(
            self.failed.emit).run_in_background()

    def _page(self, generation: int, page: int, result: Any) -> None:
        if result is None or generation != self._generation:
            return
        self.pages[page] = result[0]
        if len(self.pages) > KEEP_PAGES:
            far = max((p for p in self.pages if p != page), key=lambda p: abs(p - page))
            del self.pages[far]
            self._asked.discard(far)
        top = page * PAGE
        bottom = min(top + PAGE, self.total) - 1
        if bottom >= top:
            self.dataChanged.emit(self.index(top, 0), self.index(bottom, len(COLUMNS) - 1))
        self.page_loaded.emit(page)

    # --- the model ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(COLUMNS[section][1])
        return None

    def row_at(self, row: int) -> Any | None:
        """The member on a row, if its page is here (else it is asked for)."""
        page = row // PAGE
        rows = self.pages.get(page)
        if rows is None:
            self._fetch(page)
            return None
        i = row - page * PAGE
        return rows[i] if i < len(rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        m = self.row_at(index.row())
        if m is None:
            return "…" if index.column() == 0 else ""
        key = COLUMNS[index.column()][0]
        if key == "name":
            return m.name
        if key == "phone":
            return self.f.phone(m.phone)
        if key in ("stamps", "points"):
            return self.f.locale.toString(getattr(m, key))
        if key == "cashback":
            return self.f.money(m.cashback_minor)
        if key == "spend":
            return self.f.money(m.spend_minor)
        day = datetime.fromtimestamp(m.joined / 1e6, UTC).astimezone(self.f.tz).date()
        return self.f.locale.toString(QDate(day.year, day.month, day.day),
                                      QLocale.FormatType.ShortFormat)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_key = COLUMNS[column][0]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.search(self.query)


class MembersPage(Page):
    """The table on the left, the member's file on the right."""

    def __init__(self, ops: Any, formats: Any, info: Any, parent: QWidget | None = None
                 ) -> None:
        super().__init__(ops, formats, info, parent)
        self._shown = False
        self.model = MembersModel(ops, formats, self)
        self.model.failed.connect(self.refused)
        self.model.searched.connect(self._counted)
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(
            Q.translate("manager", "Search: name (any word start) or phone")
        )
        self.search_box.setClearButtonEnabled(True)
        self.pause = QTimer(self)
        self.pause.setSingleShot(True)
        self.pause.setInterval(SEARCH_PAUSE_MS)
        self.pause.timeout.connect(lambda: self.model.search(self.search_box.text()))
        self.search_box.textChanged.connect(lambda _t: self.pause.start())
        self.count = QLabel()
        self.count.setObjectName("hint")
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(36)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 220)
        header.resizeSection(1, 140)
        for col in range(2, len(COLUMNS)):
            header.resizeSection(col, 90)
        header.setStretchLastSection(True)
        self.view.clicked.connect(self._open_row)
        self.view.activated.connect(self._open_row)
        self.detail = MemberDetail(ops, formats, info)
        self.detail.message.connect(self.message)
        self.detail.changed.connect(lambda _what: self.model.search(self.model.query))
        left = QWidget()
        column = QVBoxLayout(left)
        column.addWidget(self.search_box)
        column.addWidget(self.count)
        column.addWidget(self.view, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.detail)
        split.setSizes([640, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    def first_show(self) -> None:
        if not self._shown:
            self._shown = True
            self.model.search("")

    def _counted(self, total: int) -> None:
        self.count.setText(
            Q.translate("manager", "{0} members").format(self.f.locale.toString(total))
        )

    def _open_row(self, index: QModelIndex) -> None:
        m = self.model.row_at(index.row())
        if m is not None:
            self.detail.load(m.id)


class MemberDetail(Page):
    """One member: balances, coupons, cards, history; edit, new card, adjust, export, erase."""

    loaded = Signal(object)  # the export dict shown
    changed = Signal(str)  # edited, card, adjusted, exported, erased

    def __init__(self, ops: Any, formats: Any, info: Any, parent: QWidget | None = None
                 ) -> None:
        super().__init__(ops, formats, info, parent)
        self.member_id: str | None = None
        self.name_label = title(Q.translate("manager", "Choose a member on the left."), "title")
        self.balances = QLabel()
        self.balances.setWordWrap(True)
        self.coupons = QLabel()
        self.coupons.setWordWrap(True)
        self.cards = QLabel()
        self.cards.setWordWrap(True)
        self.fields = {k: QLineEdit() for k in ("name", "phone", "email", "birthday")}
        self.fields["birthday"].setPlaceholderText(Q.translate("manager", "YYYY-MM-DD"))
        form = QFormLayout()
        for key, label in (
            ("name", QT_TRANSLATE_NOOP("manager", "Name")),
            ("phone", QT_TRANSLATE_NOOP("manager", "Phone")),
            ("email", QT_TRANSLATE_NOOP("manager", "E-mail")),
            ("birthday", QT_TRANSLATE_NOOP("manager", "Birthday")),
        ):
            form.addRow(tr(label), self.fields[key])
        self.save = QPushButton(Q.translate("manager", "Save profile"))
        self.save.clicked.connect(self.save_profile)
        self.new_card = QPushButton(Q.translate("manager", "New card"))
        self.new_card.clicked.connect(self.replace_card)
        self.new_card.setToolTip(
            Q.translate("manager", "Revoke the member's cards and issue a new one.")
        )
        self.stamps, self.points = QSpinBox(), QSpinBox()
        # Money as the shop reads it (89,50 in the shop's locale), kept in minor units below.
        self.cashback = QDoubleSpinBox()
        self.cashback.setDecimals(2)
        self.cashback.setLocale(self.f.locale)
        self.cashback.setRange(-100_000.0, 100_000.0)
        self.cashback.setSuffix(" " + self.f.money(0).replace("0,00", "").replace("0.00", "")
                                .strip())
        for spin, bound in ((self.stamps, 1000), (self.points, 1_000_000)):
            spin.setRange(-bound, bound)
        for spin in (self.stamps, self.points, self.cashback):
            spin.setMinimumHeight(40)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(Q.translate("manager", "Why (recorded with the correction)"))
        self.adjust_button = QPushButton(Q.translate("manager", "Adjust"))
        self.adjust_button.clicked.connect(self.adjust)
        adjust = QHBoxLayout()
        for w in (
            QLabel(Q.translate("manager", "Stamps")),
            self.stamps,
            QLabel(Q.translate("manager", "Points")),
            self.points,
            QLabel(Q.translate("manager", "Cashback")),
            self.cashback,
        ):
            adjust.addWidget(w)
        self.export_button = QPushButton(Q.translate("manager", "Export (GDPR)…"))
        self.export_button.clicked.connect(self._ask_export)
        self.erase_button = QPushButton(Q.translate("manager", "Erase…"))
        self.erase_button.setProperty("role", "danger")
        self.erase_button.clicked.connect(self.ask_erase)
        self.confirm = QFrame()
        self.confirm.setFrameShape(QFrame.Shape.StyledPanel)
        self.confirm_text = QLabel()
        self.confirm_text.setWordWrap(True)
        self.confirm_yes = QPushButton(Q.translate("manager", "Erase for good"))
        self.confirm_yes.setProperty("role", "danger")
        self.confirm_yes.clicked.connect(self.erase)
        self.confirm_no = QPushButton(Q.translate("manager", "Keep the member"))
        self.confirm_no.clicked.connect(self.confirm.hide)
        box = QVBoxLayout(self.confirm)
        box.addWidget(self.confirm_text)
        row = QHBoxLayout()
        row.addWidget(self.confirm_yes)
        row.addWidget(self.confirm_no)
        box.addLayout(row)
        self.confirm.hide()
        self.history = table(
            [
                Q.translate("manager", "When"),
                Q.translate("manager", "What"),
                Q.translate("manager", "Details"),
                Q.translate("manager", "Shop"),
            ],
            stretch=2,
        )
        self.history.setMinimumHeight(220)
        self.body = QWidget()
        column = QVBoxLayout(self.body)
        column.addWidget(self.balances)
        column.addWidget(self.coupons)
        column.addWidget(self.cards)
        column.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save)
        buttons.addWidget(self.new_card)
        column.addLayout(buttons)
        column.addWidget(title(Q.translate("manager", "Correct a balance")))
        column.addLayout(adjust)
        row2 = QHBoxLayout()
        row2.addWidget(self.reason, 1)
        row2.addWidget(self.adjust_button)
        column.addLayout(row2)
        row3 = QHBoxLayout()
        row3.addWidget(self.export_button)
        row3.addWidget(self.erase_button)
        column.addLayout(row3)
        column.addWidget(self.confirm)
        column.addWidget(title(Q.translate("manager", "History")))
        column.addWidget(self.history, 1)
        self.body.setEnabled(False)
        from PySide6.QtWidgets import QScrollArea

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name_label)
        layout.addWidget(scroll, 1)

    def load(self, member_id: str) -> None:
        """Show a member's file."""
        self.member_id = member_id
        self.confirm.hide()
        self.run(lambda till: till.export_member(member_id), self._loaded, label="member")

    def _loaded(self, data: dict[str, Any]) -> None:
        f = self.f
        m, b = data["member"], data["balances"]
        self.name_label.setText(m["name"] or Q.translate("manager", "(erased)"))
        self.balances.setText(
            Q.translate(
                "manager", "{0} stamps · {1} points · cashback {2} · spent {3} · tier {4}"
            ).format(
                b["stamps"],
                b["points"],
                f.money(b["cashback_minor"]),
                f.money(b["spend_minor"]),
                b["tier"] or "–",
            )
        )
        open_coupons = [c["title"] for c in data["coupons"] if not c["used"]]
        self.coupons.setText(
            Q.translate("manager", "Coupons: {0}").format(", ".join(open_coupons) or "–")
        )
        live = [c for c in data["cards"] if not c["revoked_at"]]
        self.cards.setText(Q.translate("manager", "Cards: {0} in use, {1} revoked").format(
            len(live), len(data["cards"]) - len(live)))
        for key in ("name", "email"):
            self.fields[key].setText(m[key] or "")
        # As people write them; saving reads either form back (kiosk.profiles).
        self.fields["phone"].setText(f.phone(m["phone"]))
        self.fields["birthday"].setText(f.birthday(m["birthday"]))
        program = getattr(self.info, "program", None)
        rewards = {r.id: r.title for r in getattr(program, "rewards", None) or []}
        rows = []
        for e in reversed(data["events"]):
            when = datetime.fromisoformat(e["at"]).astimezone(f.tz)
            day = f.locale.toString(QDate(when.year, when.month, when.day),
                                    QLocale.FormatType.ShortFormat)
            rows.append([f"{day} {when:%H:%M}", event_words(e["kind"]),
                         what(SimpleNamespace(**{k: e.get(k) for k in _FIGURES}), f, rewards),
                         e["shop"] or ""])
        fill(self.history, rows)
        self.body.setEnabled(m["erased_at"] is None)
        self.loaded.emit(data)

    def _done(self, what_: str, text: str) -> Any:
        def after(_result: Any) -> None:
            self.message.emit("success", text)
            self.changed.emit(what_)
            if self.member_id is not None:
                self.load(self.member_id)
        return after

    def save_profile(self) -> None:
        member_id = self.member_id
        if member_id is None:
            return
        values = {k: w.text().strip() for k, w in self.fields.items()}
        self.run(
            lambda till: till.edit_member(member_id, **values),
            self._done("edited", Q.translate("manager", "Profile saved.")),
            label="edit member",
        )

    def replace_card(self) -> None:
        member_id = self.member_id
        if member_id is None:
            return

        def done(changes: Any) -> None:
            self._done(
                "card",
                Q.translate(
                    "manager", "New card issued; the old one no longer works. New code: {0}"
                ).format(changes.code),
            )(changes)

        self.run(lambda till: till.replace_card(member_id), done, label="replace card")

    def adjust(self) -> None:
        member_id = self.member_id
        reason = self.reason.text().strip()
        if member_id is None:
            return
        if not reason:
            self.message.emit(
                "error", Q.translate("manager", "Write why the balance is corrected.")
            )
            return
        s, p = self.stamps.value(), self.points.value()
        c = round(self.cashback.value() * 100)
        if not (s or p or c):
            self.message.emit(
                "error", Q.translate("manager", "Nothing to correct: every amount is zero.")
            )
            return
        self.run(
            lambda till: till.adjust(
                member_id, stamps=s, points=p, cashback_minor=c, reason=reason
            ),
            self._done("adjusted", Q.translate("manager", "Balance corrected.")),
            label="adjust",
        )
        for spin in (self.stamps, self.points, self.cashback):
            spin.setValue(0)
        self.reason.clear()

    def _ask_export(self) -> None:
        if self.member_id is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, Q.translate("manager", "Export member data"),
                                              str(Path.home() / f"member-{self.member_id}.json"),
                                              "JSON (*.json)")
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write everything the till holds on this member to a JSON file."""
        member_id = self.member_id
        if member_id is None:
            return

        def write(till: Any) -> None:
            data = till.export_member(member_id)
            Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2),
                                  encoding="utf-8")

        self.run(
            write,
            self._done("exported", Q.translate("manager", "Saved {0}").format(path)),
            label="export",
        )

    def ask_erase(self) -> None:
        if self.member_id is None:
            return
        name = self.fields["name"].text() or Q.translate("manager", "this member")
        self.confirm_text.setText(Q.translate("manager",
            "Erase {0}? Erased for good, here and on every paired till: name, phone, e-mail, "
            "birthday, answers and consents, and their cards stop working. What stays, without "
            "a name: the visits, stamps, points and purchases in the ledger, so the shop's "
            "figures still add up.").format(name))
        self.confirm.show()

    def erase(self) -> None:
        member_id = self.member_id
        if member_id is None:
            return
        self.confirm.hide()
        self.run(lambda till: till.erase_member(member_id),
                 self._done("erased", Q.translate("manager", "Member erased.")), label="erase")


class ImportPage(Page):
    """Members from a CSV file: a preview with the problems by line, then all or none."""

    previewed = Signal(object)
    imported = Signal(object)

    def __init__(self, ops: Any, formats: Any, info: Any, parent: QWidget | None = None
                 ) -> None:
        super().__init__(ops, formats, info, parent)
        self.text: str | None = None
        self.choose = QPushButton(Q.translate("manager", "Choose a CSV file…"))
        self.choose.clicked.connect(self._ask)
        self.apply = QPushButton(Q.translate("manager", "Import all rows"))
        self.apply.setProperty("role", "primary")
        self.apply.setEnabled(False)
        self.apply.clicked.connect(self.import_all)
        self.help = QLabel(
            Q.translate(
                "manager",
                "Columns: name; consent (yes on every row); phone; email; "
                "birthday; stamps; points; cashback_minor; marketing_consent. "
                "Separated by ; or , with a header row. Nothing is imported "
                "unless every row is right.",
            )
        )
        self.help.setWordWrap(True)
        self.help.setObjectName("hint")
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.rows = table(
            [
                Q.translate("manager", "Line"),
                Q.translate("manager", "Name"),
                Q.translate("manager", "Phone"),
                Q.translate("manager", "E-mail"),
                Q.translate("manager", "Birthday"),
                Q.translate("manager", "Stamps"),
                Q.translate("manager", "Points"),
                Q.translate("manager", "Cashback"),
            ],
            stretch=1,
        )
        self.apply.setMinimumWidth(360)
        bar = QHBoxLayout()
        bar.addWidget(self.choose)
        bar.addWidget(self.apply)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.help)
        layout.addLayout(bar)
        layout.addWidget(self.problems)
        layout.addWidget(self.rows, 1)

    def _ask(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, Q.translate("manager", "Import members"), str(Path.home()), "CSV (*.csv *.txt)"
        )
        if path:
            self.preview_file(path)

    def preview_file(self, path: str) -> None:
        """Read and check a CSV file; shows rows and problems, imports nothing."""
        from kiosk.importer import MAX_BYTES, decode

        def check(till: Any) -> Any:
            data = Path(path).read_bytes()[:MAX_BYTES + 1]
            text = decode(data)
            return text, till.import_preview(text)

        self.apply.setEnabled(False)
        self.run(check, self._previewed, label="import preview")

    def _previewed(self, result: Any) -> None:
        text, preview = result
        self.text = text
        f = self.f
        fill(self.rows, [[str(r.line), r.name, r.phone or "", r.email or "", r.birthday or "",
                          str(r.stamps), str(r.points), f.money(r.cashback_minor)]
                         for r in preview.rows])
        lines = 1 + len(preview.problems)
        self.problems.ensurePolished()
        self.problems.setFixedHeight(self.problems.fontMetrics().lineSpacing() * lines + 10)
        if preview.problems:
            self.problems.setText(
                Q.translate("manager", "Nothing will be imported until these are fixed:")
                + "\n"
                + "\n".join(preview.problems)
            )
            self.problems.setStyleSheet("color: #c62828;")
        else:
            self.problems.setText(
                Q.translate("manager", "{0} rows are ready to import.").format(len(preview.rows))
            )
            self.problems.setStyleSheet("")
        self.apply.setEnabled(not preview.problems and bool(preview.rows))
        self.apply.setText(Q.translate("manager", "Import all {0} rows").format(len(preview.rows)))
        self.previewed.emit(preview)

    def import_all(self) -> None:
        text = self.text
        if text is None:
            return
        self.apply.setEnabled(False)

        def done(report: Any) -> None:
            self.message.emit(
                "success", Q.translate("manager", "{0} members imported.").format(report.rows)
            )
            self.imported.emit(report)

        def refused(exc: BaseException) -> None:
            self.problems.setText(Q.translate("manager", "Nothing was imported:") + f"\n{exc}")
            self.refused(exc)
            self.imported.emit(exc)

        self.run(lambda till: till.import_members(text), done, failed=refused, label="import")



