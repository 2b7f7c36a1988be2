"""The programme editor: the shop's rules as a form, checked by the core's own model
(kiosk.programs.ProgramConfig) with the message beside the field, a preview of what a
typical visit earns, and saving that publishes a new version (an event that syncs)."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.numbers import whole_number
from kiosk.programs import ConfigProblem, ProgramConfig, cashback_for, points_for
from ui.manager.common import Page, title, tr

# (path in the configuration, label, kind): kind is int, text, list (comma separated),
# rounding, or optional-int (empty means none).
FIELDS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("name",), QT_TRANSLATE_NOOP("manager", "Programme name"), "text"),
    (
        ("stamp_card", "stamps_for_reward"),
        QT_TRANSLATE_NOOP("manager", "Stamps for a reward"),
        "int",
    ),
    (("stamp_card", "reward_id"), QT_TRANSLATE_NOOP("manager", "Reward for a full card"), "text"),
    (
        ("stamp_card", "eligible_categories"),
        QT_TRANSLATE_NOOP("manager", "Products that earn stamps"),
        "list",
    ),
    (
        ("stamp_card", "max_stamps_per_visit"),
        QT_TRANSLATE_NOOP("manager", "Most stamps per visit"),
        "int",
    ),
    (
        ("points", "minor_per_point"),
        QT_TRANSLATE_NOOP("manager", "Spend for one point (øre)"),
        "int",
    ),
    (("points", "rounding"), QT_TRANSLATE_NOOP("manager", "Points rounding"), "rounding"),
    (("cashback", "basis_points"), QT_TRANSLATE_NOOP("manager", "Cashback (1/100 %)"), "int"),
    (("welcome_coupon", "title"), QT_TRANSLATE_NOOP("manager", "Welcome coupon"), "text"),
    (("birthday_coupon", "title"), QT_TRANSLATE_NOOP("manager", "Birthday coupon"), "text"),
    (
        ("limits", "max_redemptions_per_day"),
        QT_TRANSLATE_NOOP("manager", "Most redemptions per day"),
        "int",
    ),
    (
        ("limits", "undo_window_seconds"),
        QT_TRANSLATE_NOOP("manager", "Undo window (seconds)"),
        "int",
    ),
    (
        ("limits", "points_expire_after_inactive_days"),
        QT_TRANSLATE_NOOP("manager", "Points expire after idle days"),
        "optional-int",
    ),
    (("consent_wording_version",), QT_TRANSLATE_NOOP("manager", "Consent wording version"), "text"),
)
# Edited as JSON under the form: lists and nested rules a form would only make longer.
ADVANCED = ("rewards", "tiers", "segment_questions")

# The core's words for a refused programme (kiosk.validation.TEMPLATES), for lupdate to
# carry into the catalogues; a test keeps this list and the core's the same.
PROBLEM_WORDS = (
    QT_TRANSLATE_NOOP("validation", "must be at least {0}"),
    QT_TRANSLATE_NOOP("validation", "must be at most {0}"),
    QT_TRANSLATE_NOOP("validation", "must have at least {0} characters"),
    QT_TRANSLATE_NOOP("validation", "must have at most {0} characters"),
    QT_TRANSLATE_NOOP("validation", "must have at most {0} entries"),
    QT_TRANSLATE_NOOP("validation", "must have at least {0} entries"),
    QT_TRANSLATE_NOOP("validation", "is not in the allowed form"),
    QT_TRANSLATE_NOOP("validation", "must be a whole number"),
    QT_TRANSLATE_NOOP("validation", "must be text"),
    QT_TRANSLATE_NOOP("validation", "must be true or false"),
    QT_TRANSLATE_NOOP("validation", "must be a group of fields"),
    QT_TRANSLATE_NOOP("validation", "must be a list"),
    QT_TRANSLATE_NOOP("validation", "has an unknown field {0}"),
    QT_TRANSLATE_NOOP("validation", "needs {0}"),
    QT_TRANSLATE_NOOP("validation", "cannot be {0}"),
    QT_TRANSLATE_NOOP("validation", "is not valid JSON"),
    QT_TRANSLATE_NOOP("validation", "tiers must start at threshold 0 and rise"),
    QT_TRANSLATE_NOOP("validation", "reward {0} must cost either points or stamps"),
    QT_TRANSLATE_NOOP("validation", "reward ids must be unique"),
    QT_TRANSLATE_NOOP("validation", "the stamp card's reward {0} is not in the rewards"),
)


def _get(config: dict[str, Any], path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(config, dict) or config.get(key) is None:
            return None
        config = config[key]
    return config


class ProgrammePage(Page):
    """Edit, check, preview and publish the shop's programme."""

    published = Signal(int)  # the new version
    checked = Signal(object)  # the ProgramConfig, or the list of problems

    def __init__(self, ops: Any, formats: Any, info: Any, parent: QWidget | None = None
                 ) -> None:
        super().__init__(ops, formats, info, parent)
        self.base: dict[str, Any] = info.program.model_dump(mode="json")
        self.inputs: dict[tuple[str, ...], Any] = {}
        self.errors: dict[tuple[str, ...], QLabel] = {}
        form = QFormLayout()
        for path, label, kind in FIELDS:
            widget: Any
            if kind == "int":
                widget = QSpinBox()
                widget.setRange(0, 100_000_000)
                widget.setMinimumHeight(40)
            elif kind == "rounding":
                widget = QComboBox()
                widget.addItem(Q.translate("manager", "down"), "down")
                widget.addItem(Q.translate("manager", "half up"), "half_up")
            else:
                widget = QLineEdit()
            error = QLabel()
            error.setStyleSheet("color: #c62828;")
            error.setWordWrap(True)
            cell = QWidget()
            row = QHBoxLayout(cell)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(widget, 1)
            row.addWidget(error, 1)
            form.addRow(tr(label), cell)
            self.inputs[path] = widget
            self.errors[path] = error
            present = path[0] in ("name", "limits", "consent_wording_version") or \
                self.base.get(path[0]) is not None
            widget.setEnabled(present)
            if not present:
                widget.setToolTip(
                    Q.translate("manager", "Not part of this programme (add it under Advanced).")
                )
                error.setText(Q.translate("manager", "not in this programme"))
                error.setStyleSheet("color: gray;")
        self.advanced = QPlainTextEdit()
        self.advanced.setMinimumHeight(220)
        self.advanced_error = QLabel()
        self.advanced_error.setStyleSheet("color: #c62828;")
        self.advanced_error.setWordWrap(True)
        self.amount = QSpinBox()
        self.amount.setRange(0, 10_000_000)
        self.amount.setValue(8900)
        self.amount.setSuffix(Q.translate("manager", " øre"))
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.check_button = QPushButton(Q.translate("manager", "Check"))
        self.check_button.clicked.connect(self.check)
        self.publish_button = QPushButton(Q.translate("manager", "Save and publish"))
        self.publish_button.setProperty("role", "primary")
        self.publish_button.clicked.connect(self.publish)
        self.amount.valueChanged.connect(lambda _v: self.check())
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(title(Q.translate("manager", "The programme")))
        column.addLayout(form)
        column.addWidget(
            title(
                Q.translate(
                    "manager",
                    "Advanced: rewards catalogue, tiers and segment questions "
                    "(at most five), as JSON",
                )
            )
        )
        column.addWidget(self.advanced)
        column.addWidget(self.advanced_error)
        column.addWidget(title(Q.translate("manager", "Preview: what a typical visit earns")))
        amount_row = QHBoxLayout()
        amount_row.addWidget(QLabel(Q.translate("manager", "A purchase of")))
        amount_row.addWidget(self.amount)
        amount_row.addStretch(1)
        column.addLayout(amount_row)
        column.addWidget(self.preview)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.publish_button)
        column.addLayout(buttons)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        self.show_config(self.base)

    def show_config(self, config: dict[str, Any]) -> None:
        """Fill the form from a configuration."""
        for path, _label, kind in FIELDS:
            value = _get(config, path)
            widget = self.inputs[path]
            if kind == "int":
                widget.setValue(int(value or 0))
            elif kind == "rounding":
                widget.setCurrentIndex(max(0, widget.findData(value or "down")))
            elif kind == "list":
                widget.setText(", ".join(value or []))
            else:
                widget.setText("" if value is None else str(value))
        self.advanced.setPlainText(json.dumps({k: config.get(k) for k in ADVANCED},
                                              ensure_ascii=False, indent=2))
        self.check()

    def _collect(self) -> dict[str, Any] | None:
        config = json.loads(json.dumps(self.base))
        try:
            extra = json.loads(self.advanced.toPlainText() or "{}")
            if not isinstance(extra, dict):
                raise ValueError(Q.translate("manager", "it must be an object {…}"))
        except ValueError as exc:
            self.advanced_error.setText(
                Q.translate("manager", "Advanced is not valid JSON: {0}").format(exc)
            )
            return None
        self.advanced_error.setText("")
        for key in ADVANCED:
            if key in extra:
                config[key] = extra[key]
        for path, _label, kind in FIELDS:
            widget = self.inputs[path]
            if not widget.isEnabled():
                continue
            if kind == "int":
                value: Any = widget.value()
            elif kind == "rounding":
                value = widget.currentData()
            elif kind == "list":
                value = [w.strip() for w in widget.text().split(",") if w.strip()]
            elif kind == "optional-int":
                text = widget.text().strip()
                number = whole_number(text)
                value = number if number is not None else (None if not text else text)
            else:
                value = widget.text().strip()
            target = config
            for key in path[:-1]:
                target = target.setdefault(key, {})
            target[path[-1]] = value
        return config

    def check(self) -> ProgramConfig | None:
        """Validate the form with the core's model; messages beside the fields."""
        for path, label in self.errors.items():
            if self.inputs[path].isEnabled():
                label.setText("")
        raw = self._collect()
        if raw is None:
            self.checked.emit([self.advanced_error.text()])
            return None
        try:
            config = ProgramConfig.model_validate(raw)
        except ConfigProblem as exc:
            # The first problem, beside its field (or under Advanced); fixing it shows the next.
            loc = exc.problem.where
            text = Q.translate("validation", exc.problem.template).format(*exc.problem.args)
            where = next((p for p in self.errors if loc[:len(p)] == p), None)
            if where is not None:
                self.errors[where].setText(text)
            else:
                self.advanced_error.setText(f"{'.'.join(loc)}: {text}")
            problems = [f"{'.'.join(loc)}: {text}"]
            self.preview.setText(
                Q.translate("manager", "Fix the marked fields to see the preview.")
            )
            self.publish_button.setEnabled(False)
            self.checked.emit(problems)
            return None
        self.publish_button.setEnabled(True)
        self.preview.setText(self.preview_text(config, self.amount.value()))
        self.checked.emit(config)
        return config

    def preview_text(self, config: ProgramConfig, amount_minor: int) -> str:
        """What a member would get for a purchase of this amount under `config`."""
        f = self.f
        parts = []
        if config.stamp_card is not None:
            card = config.stamp_card
            parts.append(
                Q.translate(
                    "manager", "1 stamp (a reward after {0}; at most {1} per visit)"
                ).format(card.stamps_for_reward, card.max_stamps_per_visit)
            )
        if config.points is not None:
            parts.append(
                Q.translate("manager", "{0} points").format(points_for(amount_minor, config.points))
            )
        if config.cashback is not None:
            parts.append(
                Q.translate("manager", "{0} cashback").format(
                    f.money(cashback_for(amount_minor, config.cashback))
                )
            )
        earned = ", ".join(parts) or Q.translate(
            "manager", "nothing (no stamp card, points or cashback)"
        )
        return Q.translate("manager", "A visit with a purchase of {0} earns: {1}.").format(
            f.money(amount_minor), earned
        )

    def publish(self) -> None:
        config = self.check()
        if config is None:
            self.message.emit(
                "error",
                Q.translate("manager", "The programme has problems; see the marked fields."),
            )
            return

        def done(changes: Any) -> None:
            self.base = config.model_dump(mode="json")
            self.message.emit(
                "success",
                Q.translate("manager", "Programme version {0} published.").format(changes.version),
            )
            self.published.emit(changes.version)

        self.run(lambda till: till.publish_program(config), done, label="publish programme")
