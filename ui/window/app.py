"""The window's composition root: wires the core, the scanner, sync and the screens together.

    python -m ui.window --data-dir DIR [--camera N | --video FILE | --no-camera] [--kiosk]

Threads: the GUI thread only paints and routes; the till is opened and used on the
operations layer's one writer thread; the camera, decoder, display conversion and sync
worker run on threads of their own and reach the screens through the bridges' signals.
The GUI thread is forbidden to open a transaction (`Till.forbid_thread`), so a slip raises
WrongThread instead of freezing the till.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.numbers import whole_number, whole_number_in
from ui.window.window_settings import IDLE_SECONDS, NO_CAMERA, Settings, parse_resolution

__all__ = ["Settings", "TillWindow", "first_run", "main", "make_printer", "parse_args"]

log = logging.getLogger("klipp.window")

DEMO_MEMBERS = 120
DEMO_DAYS = 60
LAST_LINE_DELAY_MS = 150  # "Last: ..." after a write: soon to a person, after the member's paint


def _idle_seconds(text: str) -> int:
    """The idle time a flag gives, in the range the back office's Settings allows."""
    seconds = whole_number_in(text, *IDLE_SECONDS)
    if seconds is None:
        raise argparse.ArgumentTypeError(
            f"{text[:40]!r} is not a number of seconds from {IDLE_SECONDS[0]} to {IDLE_SECONDS[1]}")
    return seconds


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="klipp-window", description="The Klipp cashier's window.")
    p.add_argument("--data-dir", help="the till's data folder (default: the user's data dir)")
    source = p.add_mutually_exclusive_group()
    source.add_argument("--camera",
                        help="camera index or device path (default: as chosen under the"
                             " back office's Settings, else 0)")
    source.add_argument("--video", help="play a video file as the camera (demos, tests)")
    source.add_argument("--no-camera", action="store_true", help="no camera at all")
    p.add_argument("--lang", choices=("nb", "sv", "en"), help="language (default nb)")
    p.add_argument("--theme", choices=("light", "dark"), help="colour theme (default light)")
    p.add_argument("--kiosk", action="store_true",
                   help="full screen; leaving needs the manager PIN")
    p.add_argument("--auto-stamp", action="store_true",
                   help="a card scan gives the visit's stamp by itself")
    p.add_argument("--idle-seconds", type=_idle_seconds,
                   help=f"back to idle after this long, {IDLE_SECONDS[0]} to {IDLE_SECONDS[1]}"
                        " (default 45)")
    p.add_argument("--customer-screen", action="store_true",
                   help="open the customer-facing window (automatic with a second screen)")
    p.add_argument("--printer", help="ESC/POS receipt printer: usb:VID:PID, file:/dev/usb/lp0,"
                                     " net:HOST[:PORT]")
    p.add_argument("--no-sound", action="store_true")
    p.add_argument("--quit-after-scan", action="store_true",
                   help="quit once a scanned member is on screen (smoke tests)")
    p.add_argument("--screenshot", help="save the window as PNG before quitting")
    p.add_argument("--no-demo", action="store_true",
                   help="do not build the demo café on an empty data folder (the first-run"
                        " wizard opens instead)")
    p.add_argument("--setup", action="store_true",
                   help="a new shop: an empty data folder starts with the first-run wizard"
                        " (shop, currency, time zone, programme, PIN, pairing), not the demo")
    return p.parse_args(argv)


def display_problem() -> str | None:
    """Why no window can open here, in one line with the way out; None when one can."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform.startswith(("offscreen", "minimal", "vnc", "eglfs", "linuxfb")):
        return None
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY")
                                                 or os.environ.get("WAYLAND_DISPLAY")):
        return ("No display to open the till's window on (DISPLAY is not set). Use the "
                "terminal till (`klipp till`), or start a virtual display: "
                "`xvfb-run -a klipp-window`.")
    return None


def open_or_demo(till_dir: Path | None, *, demo: bool, clock: Any = None,
                 language: str = "nb") -> Any:
    """Open the till; an empty data folder becomes the demo café (as the terminal till does),
    its rewards, coupons and question in the window's `language`."""
    from kiosk.till import Till

    till = Till.open(till_dir, clock=clock)
    if demo and not till.info().set_up:
        from kiosk.cards import render_png
        from kiosk.clock import FixedClock
        from kiosk.demo import build_demo

        log.info("No shop on this till yet: building a demo café (takes a few seconds) ...")
        till.setup(org_name="Demo Kaffe AS", shop_name="Demo Kaffebar", template="cafe",
                   language=language)
        start = datetime.now(UTC) - timedelta(days=DEMO_DAYS)
        demo = build_demo(till, members=DEMO_MEMBERS, days=DEMO_DAYS, seed=1,
                          clock=FixedClock(start))
        # Cards to hold up to the camera or print, as the terminal till's demo gives.
        cards_dir = Path(till.info().data_dir) / "demo-cards"
        cards_dir.mkdir(exist_ok=True)
        for number, code in enumerate(list(demo.codes.values())[:5], 1):
            render_png(code, cards_dir / f"card-{number}.png")
        log.info("Demo cards to scan: %s", cards_dir)
    return till


class TillWindow:
    """Every part of a running window, built from arguments; `close()` stops them in order."""

    def __init__(self, args: argparse.Namespace, *, till: Any = None,
                 source: Any = None, clock: Any = None, sync_client: Any = None,
                 sync_options: dict[str, Any] | None = None,
                 camera_factory: Callable[[str, tuple[int, int]], Any] | None = None) -> None:
        """`source`: the frames to scan (else the camera chosen by flags or settings);
        `camera_factory(camera, resolution)`: how a camera chosen under Settings is opened."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        from ui.window.bridges import ChangeBridge, ScanBridge, SyncBridge
        from ui.window.cashier import CashierSettings
        from ui.window.fmt import Formats
        from ui.window.i18n import Translations
        from ui.window.main_window import CustomerWindow, MainWindow
        from ui.window.ops import OpRunner
        from ui.window.sound import Sound
        from ui.window.theme import apply_theme
        from ui.window.wedge_filter import WedgeFilter

        app = QApplication.instance()
        assert isinstance(app, QApplication), "create the QApplication first"
        self.app = app
        self._stops: list[Callable[[], object]] = []
        self.ops = OpRunner()
        self._owns_till = till is None
        self._closed = False
        if till is None:
            data_dir = Path(args.data_dir) if args.data_dir else None
            language = getattr(args, "lang", None) or "nb"
            till = self.ops.call(lambda _t: open_or_demo(data_dir, demo=not args.no_demo,
                                                         clock=clock, language=language))
        self.till = till
        self.ops.till = till
        self.info = self.ops.call(lambda t: t.info())
        self.data_dir = Path(self.info.data_dir)
        self.settings = Settings.load(self.data_dir)
        for name in ("lang", "theme", "idle_seconds"):
            value = getattr(args, name, None)
            if value is not None:
                setattr(self.settings, "language" if name == "lang" else name, value)
        self.settings.auto_stamp = self.settings.auto_stamp or bool(args.auto_stamp)
        self.settings.kiosk = self.settings.kiosk or bool(args.kiosk)
        # Flags win for this run; Settings (the back office) keeps the shop's own choice.
        if args.no_camera:
            self.settings.camera = NO_CAMERA
        elif getattr(args, "camera", None):
            self.settings.camera = str(args.camera)
        if args.no_sound:
            self.settings.sound = False
        if args.printer:
            self.settings.printer = args.printer
        self._camera_factory = camera_factory or self._camera_source
        # From here on the GUI thread must never wait for the database.
        till.forbid_thread(threading.get_ident())
        # A window runs for hours: the WAL is copied on a thread, never in a stamp's commit.
        self._stops.append(till.checkpoint_in_background())

        self.translations = Translations()
        self.translations.switch(self.settings.language)
        self.theme = apply_theme(app, self.settings.theme)
        shop = self.info.shop
        if shop is None:
            from kiosk.till import NotSetUp

            self.close()
            raise NotSetUp("This till has no shop yet: start the window with --setup (the "
                           "first-run wizard), or run `klipp setup`.")
        self.formats = Formats(self.translations.language, currency=shop.currency,
                               timezone=shop.timezone)
        self.sound = Sound(enabled=self.settings.sound)
        self.printer = (make_printer(self.settings.printer, shop_name=shop.name)
                        if self.settings.printer else None)
        from ui.window.live_settings import WindowSettingsPort

        self.scans = ScanBridge()
        self.camera_state: tuple[str, str] = ("starting", "")
        self.settings_port = WindowSettingsPort(self)
        self.window = MainWindow(
            self.ops, self.info, formats=self.formats, sound=self.sound,
            translations=self.translations,
            settings=CashierSettings(auto_stamp=self.settings.auto_stamp,
                                     idle_seconds=self.settings.idle_seconds),
            kiosk=self.settings.kiosk, printer=self.printer, theme_switch=self.toggle_theme,
            settings_port=self.settings_port,
            manager_idle_ms=self.settings.manager_idle_minutes * 60_000)
        cashier = self.window.cashier

        # Changes from this till's writes and from other tills' pulled events.
        self.changes = ChangeBridge()
        self.changes.changed.connect(cashier.refresh_if_shown)
        self.changes.changed.connect(self._maybe_refresh_last)
        # "Last: ..." is read a moment after a write, not at once: the read on the writer
        # thread and its callback came exactly while the member's panel was being shown
        # and painted, and a scan's member waited behind them.
        self._last_timer = QTimer(self.window)
        self._last_timer.setSingleShot(True)
        self._last_timer.setInterval(LAST_LINE_DELAY_MS)
        self._last_timer.timeout.connect(self.window.refresh_last)
        self._stops.append(till.subscribe(self.changes.on_change))

        # Scanner: one camera feeds the decoder and the picture.
        self._scan_borrower: Callable[[Any], None] | None = None
        self.scans.scanned.connect(self._route_scan)
        cashier.camera.outline_painted.connect(self.scans.answer_shown)
        self.scans.frame.connect(cashier.camera.show_frame)
        self.scans.camera_state.connect(cashier.set_camera_state)
        self.scans.camera_state.connect(self._note_camera_state)
        cashier.camera.resized.connect(self.scans.set_target_size)
        self.wedge = WedgeFilter(self.scans.usb_scan, parent=self.window)
        self.wedge.only_in = self.window
        app.installEventFilter(self.wedge)
        self._stops.append(lambda: app.removeEventFilter(self.wedge))
        self.service = None
        self._scanner_stops: list[Callable[[], object]] = []
        self._stops.append(self.stop_scanner)
        if source is None and not args.no_camera:
            source = self._make_source(args)
        if source is not None:
            self.start_scanner(source)
        else:
            self._no_camera()

        # Sync worker, when this till is paired.
        self.sync = SyncBridge()
        self.sync.state.connect(self.window.show_sync)
        self.worker = None
        if self.info.paired or sync_client is not None:
            self._start_sync(sync_client, sync_options or {})

        self.customer: CustomerWindow | None = None
        if args.customer_screen or len(app.screens()) > 1:
            self.customer = CustomerWindow(self.formats)
            cashier.member_shown.connect(self.customer.show_panel)
            cashier.cleared.connect(self.customer.welcome)
            self.window.register.card_shown.connect(self.customer.show_card)
            screens = app.screens()
            if len(screens) > 1:
                self.customer.setGeometry(screens[1].geometry())
        self.window.language_changed.connect(self._language_changed)
        app.aboutToQuit.connect(self.close)

    def _make_source(self, args: argparse.Namespace) -> Any:
        from scanner.sources import VideoFileSource

        if args.video:
            return VideoFileSource(args.video, realtime=True, on_state=self.scans.on_state)
        if self.settings.camera == NO_CAMERA:
            return None
        return self._camera_factory(self.settings.camera,
                                    parse_resolution(self.settings.resolution) or (1280, 720))

    def _camera_source(self, camera: str, resolution: tuple[int, int]) -> Any:
        from scanner.sources import CameraSource

        index = whole_number(camera)
        device: int | str = camera if index is None else index
        return CameraSource(device, resolution=resolution, on_state=self.scans.on_state)

    def _no_camera(self) -> None:
        # Through the bridge, so the cashier's view and a Settings preview both hear it.
        self.scans.camera_state.emit("no camera", "")

    def _note_camera_state(self, state: str, detail: str) -> None:
        self.camera_state = (state, detail)

    def use_camera(self, camera: str, resolution: tuple[int, int]) -> None:
        """Switch the scanner to another camera (or none) while the till runs."""
        self.stop_scanner()
        source = None if camera == NO_CAMERA else self._camera_factory(camera, resolution)
        if source is None:
            self._no_camera()
        else:
            self.start_scanner(source)

    def stop_scanner(self) -> None:
        """Stop the camera, its decoder and the display thread (the till keeps running)."""
        stops, self._scanner_stops = self._scanner_stops, []
        _stop_all(stops)
        self.service = None

    def _route_scan(self, hit: Any) -> None:
        if self._scan_borrower is not None:
            self._scan_borrower(hit)
        else:
            self.window.on_scan(hit)

    def borrow_scans(self, on_scan: Callable[[Any], None], window: Any) -> Callable[[], None]:
        """Scans go to `on_scan` (the back office's scanner test), the USB scanner's too in
        `window`, and the cashier gets none, until the returned function is called."""
        self._scan_borrower = on_scan
        self.wedge.only_in = window

        def release() -> None:
            if self._scan_borrower is on_scan:
                self._scan_borrower = None
                self.wedge.only_in = self.window

        return release

    def set_theme(self, name: str) -> None:
        """Put a theme in force (light, dark)."""
        from ui.window.theme import apply_theme

        self.theme = apply_theme(self.app, name)
        self.settings.theme = self.theme

    def set_printer(self, spec: str) -> None:
        """The receipt printer the registration screen prints cards on ('' for none)."""
        self.printer = make_printer(spec, shop_name=self.info.shop.name) if spec else None
        self.window.register.printer = self.printer
        self.window.register.print_button.setVisible(self.printer is not None)

    def start_scanner(self, source: Any) -> None:
        from scanner.pipeline import ScanPipeline
        from scanner.service import ScanService
        from ui.window.bridges import DisplayTee
        from ui.window.guide import GUIDE

        pipeline = ScanPipeline(region=GUIDE)  # decodes the guide frame drawn on the picture
        # Several codes in view (a phone wallet, a flyer beside the card): a card of this
        # organisation wins. The check is read off the GUI thread once, then runs offline.
        self.ops.op(lambda till: till.card_check(), label="card check").success(
            lambda ours: setattr(pipeline, "prefer", ours)).run_in_background()
        self.service = ScanService(DisplayTee(source, self.scans.on_frame), self.scans.on_scan,
                                   pipeline=pipeline)
        self.scans.start_display()
        self.service.start()
        self._scanner_stops.append(self.scans.stop_display)
        self._scanner_stops.append(self.service.stop)

    def _start_sync(self, client: Any, options: dict[str, Any]) -> None:
        from sync.commands import wake_on_local_writes
        from sync.worker import SyncWorker

        if client is None:
            from sync.client import client_for

            client = self.ops.call(lambda t: client_for(t))
            self._stops.append(client.close)
        self.worker = SyncWorker(self.till, client, on_state=self.sync.on_state, **options)
        self._stops.append(self.till.subscribe(wake_on_local_writes(self.worker)))
        self.worker.start()
        self._stops.append(self.worker.stop)

    def _maybe_refresh_last(self, changes: Any) -> None:
        if changes is not None and not changes.pulled and changes.events:
            self._last_timer.start()

    def _language_changed(self, language: str) -> None:
        if self._closed:
            return  # another window of this process switched the (application-wide) language
        self.settings.language = language
        self._save_settings(language=language)

    def toggle_theme(self) -> None:
        self.set_theme("dark" if self.theme == "light" else "light")
        self._save_settings(theme=self.theme)

    def _save_settings(self, **changed: str) -> None:
        # Only what the cashier changed on screen is kept; --kiosk and friends stay per run.
        from ui.window.window_settings import save_changes

        try:
            save_changes(self.data_dir, changed)
        except OSError as exc:
            log.warning("window settings not saved: %s", exc)

    def show(self) -> None:
        if self.settings.kiosk:
            self.window.showFullScreen()
        else:
            self.window.resize(1280, 800)
            self.window.show()
        if self.customer is not None:
            self.customer.show()

    def close(self) -> None:
        """Stop every thread we own, newest first, then the writer and the till."""
        if self._closed:
            return
        self._closed = True
        stops, self._stops = self._stops, []
        _stop_all(stops)
        self.ops.close()  # the writer finishes what it was given before the till closes
        self.till.forbid_thread(None)
        if self._owns_till:
            self.till.close()


def _stop_all(stops: list[Callable[[], object]]) -> None:
    """Call each stop, newest first; one that fails is logged and the rest still run."""
    for stop in reversed(stops):
        try:
            stop()
        except Exception:
            log.exception("stopping %s failed", stop)


def make_printer(spec: str, *, shop_name: str) -> Callable[[str, str], None]:
    """A callable printing a card on an ESC/POS printer named like usb:VID:PID."""
    from ui.window.receipt import open_printer, print_card

    def print_it(code: str, name: str) -> None:
        printer = open_printer(spec)
        try:
            print_card(printer, code=code, name=name, shop=shop_name)
        finally:
            printer.close()

    return print_it


def first_run(app: Any, args: argparse.Namespace) -> bool:
    """On an empty data folder, run the first-run wizard (ui/manager) until the shop exists;
    True when the till is set up (already, or now)."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject

    from kiosk.till import Till
    from ui.manager.till_page import FirstRunWizard
    from ui.window.i18n import Translations
    from ui.window.ops import OpRunner
    from ui.window.theme import apply_theme

    class OnClose(QObject):
        """Calls back when the watched window is closed (before its shop exists)."""

        def __init__(self, callback: Callable[[], object], parent: QObject) -> None:
            super().__init__(parent)
            self._callback = callback

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Close:
                self._callback()
            return False

    ops = OpRunner()
    data_dir = Path(args.data_dir) if args.data_dir else None
    till = ops.call(lambda _t: Till.open(data_dir))
    ops.till = till
    try:
        if ops.call(lambda t: t.info().set_up):
            return True
        translations = Translations()
        language = translations.switch(args.lang or "nb")
        apply_theme(app, args.theme or "light")
        wizard = FirstRunWizard(ops, language=language)
        done: list[object] = []
        # A loop of its own, not app.exec(): quitting it leaves the application's loop alone.
        loop = QEventLoop()
        wizard.finished.connect(lambda info: (done.append(info), loop.quit()))
        closed = OnClose(loop.quit, parent=wizard)
        wizard.installEventFilter(closed)
        wizard.setWindowTitle("Klipp")
        wizard.resize(900, 640)
        wizard.show()
        loop.exec()
        wizard.removeEventFilter(closed)
        wizard.close()
        wizard.deleteLater()
        return bool(done)
    finally:
        ops.close()
        till.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `klipp-window`."""
    args = parse_args(argv)
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s: %(message)s")
    log.setLevel(logging.INFO)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.errors import KlippError
    from scanner.sources.base import SourceError

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Klipp")
    # An empty folder is the demo café unless told otherwise; then its owner sets it up.
    if (args.setup or args.no_demo) and not first_run(app, args):
        return 0  # the wizard was closed before the shop existed: nothing to open
    try:
        parts = TillWindow(args)
    except (KlippError, SourceError) as exc:  # a data folder, a video file: in words
        print(f"The till cannot start: {exc}", file=sys.stderr)
        return 1
    parts.show()
    if args.quit_after_scan:
        def shown(_panel: object) -> None:
            QTimer.singleShot(800, lambda: finish())

        def finish() -> None:
            if args.screenshot:
                parts.window.grab().save(args.screenshot)
            app.quit()

        parts.window.cashier.member_shown.connect(shown)
    elif args.screenshot:
        QTimer.singleShot(1500, lambda: (parts.window.grab().save(args.screenshot), app.quit()))
    code = app.exec()
    parts.close()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
