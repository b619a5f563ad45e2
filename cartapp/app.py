"""The composition root: ``build()`` wires catalog, bus, handlers, bridge and window; ``main()``.

``build(data_dir=None)`` makes (or reuses) the ``QApplication``, loads the catalog from the
resources, opens the durable store in the data directory (``LiveStore``: the data directory's
lock, the SQLite file, the restored cart), creates the ``EventBus`` (failures become
``HandlerFailed`` facts), attaches the ``CartService`` to the restored cart and version with the
store as its event log (it decides each bus step, appends it in one transaction, and only then
publishes the facts and the new cart, so nothing is shown that is not stored), records stage
rows, binds the ``QtBridge`` (which follows the service's cart) and builds the ``MainWindow``
with its docks: the event log (pre-filled with the stored history), metrics, flow, orders and
time travel, and the File menu's export/import. The metrics and flow docks share one feed and one
``StatsScopes``, which starts on "All history" so that they count what the restored event log
shows (see ``cartapp.qt.models.scopes``). It does not start the event loop.

``build`` raises ``DataDirError`` (the data folder is unusable), ``StoreLockedError`` (another
cartapp has this data directory: the second instance is refused), ``SchemaTooNewError`` (the
file is from a newer cartapp) and the store's other ``StoreError``s; ``main()`` shows them and
exits with the codes below. A damaged database was moved aside by the
store (also when the damage showed only while the cart or, before anything else is built, the
event log's stored history was read); its notice is kept in ``App.notices`` and shown in a
non-blocking warning once the window is up. ``App.close()`` (also run when the window closes)
closes the store cleanly.

``main()`` is the ``cartapp`` command:

    cartapp [--data-dir DIR] [--shop nats://HOST:4222 --till NAME [--shop-credentials FILE]]
            [--screenshot FILE.png] [--export FILE] [--version]

With ``--shop`` (or ``build(shop_url=..., till=...)``, or the settings' ``shop/url`` and
``shop/till``) the till joins a shop (``cartapp.shop``): the cart service asks the shop for stock
(two tills never sell the last unit twice), every stored step is also sent to the shop's stream,
the catalog shows the shop's stock, the Shop dock lists the tills, and the event log shows the
other tills' messages. The local SQLite store stays the till's durable record. Without a shop the
NATS client is never imported.

``--export FILE`` writes the live cart's whole history (every session) to FILE as CloudEvents
JSON Lines (``cartapp.store.cloudevents``; a private 0600 file) and exits without opening a
window or needing a display; it takes the data folder's lock, so it refuses while a window has
the cart open. It writes the till's own record (its local store) and contacts no server: given
``--shop`` or ``--till`` too, it says so on stderr rather than ignore them silently.

Starting never ends in a traceback: a settings value that cannot be read is ignored (defaults),
and every other failure is told on stderr and, when there is a screen, in a dialog that follows
the saved theme (``refuse_start``; the words come from ``start_failure_text``). Exit codes:

    0  the window was closed normally (or --version, or --screenshot written)
    1  an unexpected failure (a bug; details on stderr), or --screenshot could not be written
    2  no window can open here (no display, missing libraries: see cartapp.platform), or a
       wrong command line
    3  EXIT_STORE_REFUSED: the cart is open in another window, the database is from a newer
       cartapp, or something that is not cartapp's lock file is where the lock goes
    4  EXIT_DATA_DIR: the data folder cannot be used (an empty --data-dir or
       $CARTAPP_DATA_DIR, cannot be created, a file, read-only, disk full), or --export found
       no cart history in it
    5  EXIT_EXPORT_FAILED: --export could not write FILE (a missing folder, no permission, a
       full disk)

``main()`` sets the process's umask to 077, so everything cartapp writes (database, WAL, lock,
settings, exports, kept-aside files) is private to the user whatever the shell's umask; the
store and the settings also set 0600 themselves, for ``build()`` used without ``main()``.

Before Qt is asked for a platform plugin, ``platform_problem()`` (``cartapp.platform``) checks
for the usual reasons a window cannot open on Linux (no display, missing xcb libraries) and
``main()`` prints what to do instead of letting Qt abort. ``--screenshot`` builds the app in a
throw-away folder and renders it with ``take_screenshot`` (``cartapp.qt.screenshot``). Both are
also importable from here, as are ``XCB_PACKAGES`` and ``SCREENSHOT_SIZE``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import logging
import os
import sys
import tempfile
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

# The Qt-free layers load before PySide6: PySide6's import hook reads the source of every
# module imported after it (looking for "PySide6" in it, for its `__feature__` switch), and
# most of those loaded first are never imported again after it, so never read (about 300
# modules read down to about 110; see the start-up probe in cartapp.qt.bench.ui).
from cartapp import __version__
from cartapp.analytics import FlowStats
from cartapp.bus import EventBus
from cartapp.domain.catalog import Catalog
from cartapp.domain.coupons import CouponTable, load_coupons
from cartapp.domain.events import prepare_validators
from cartapp.handlers import CartService, handler_failed
from cartapp.history.log_text import product_names
from cartapp.history.stored_log import stored_records
from cartapp.paths import (
    DataDirError,
    data_dir_override,
    data_dir_problem,
    prepare_data_dir,
    resource_path,
)
from cartapp.platform import XCB_PACKAGES, platform_problem
from cartapp.store import (
    LIVE_STREAM,
    LiveStore,
    NoHistoryError,
    StoreError,
    StoreLockedError,
    damage_reason,
    damage_stop,
    export_data_dir,
)
from cartapp.store.chain import verify_in_background
from cartapp.store.errors import STORE_OR_OS_FAILURES, database_problem
from cartapp.store.files import ensure_private_file
from cartapp.store.sessions import StoredLedger

# isort: split

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from cartapp.qt.bridge import QtBridge
from cartapp.qt.dock_places import place_beside
from cartapp.qt.frame_clock import after_first_paint
from cartapp.qt.i18n import ensure_english_plurals, install_language, saved_language
from cartapp.qt.locale_text import money_text
from cartapp.qt.main_window import THEME_KEY, MainWindow
from cartapp.qt.models.event_log import DEFAULT_CAP
from cartapp.qt.models.metrics import feed_for
from cartapp.qt.models.scopes import ALL, StatsScopes
from cartapp.qt.screenshot import SCREENSHOT_SIZE, take_screenshot
from cartapp.qt.session_files import SessionFiles
from cartapp.qt.shortcuts import KeyboardShortcuts
from cartapp.qt.style import ThemeManager
from cartapp.qt.widgets.event_log import EventLogDock
from cartapp.qt.widgets.flow import FlowDock
from cartapp.qt.widgets.metrics import MetricsDock
from cartapp.qt.widgets.orders import OrdersDock
from cartapp.qt.widgets.parked import ParkedDock
from cartapp.qt.widgets.time_travel import TimeTravelDock
from cartapp.qt.widgets.what_if import WhatIfPanel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget

    from cartapp.bus import StageRecord
    from cartapp.domain.cart import Cart
    from cartapp.shop.session import ShopSession
    from cartapp.store import Order
    from cartapp.store.port import EventLog

__all__ = [
    "EXIT_DATA_DIR",
    "EXIT_EXPORT_FAILED",
    "EXIT_STORE_REFUSED",
    "EXIT_UNEXPECTED",
    "SCREENSHOT_SIZE",
    "XCB_PACKAGES",
    "App",
    "build",
    "ensure_application",
    "main",
    "platform_problem",
    "refuse_start",
    "resolve_data_dir",
    "start_failure_text",
    "take_screenshot",
]

log = logging.getLogger(__name__)

APP_NAME = "cartapp"
SETTINGS_NAME = "settings.ini"
ORGANIZATION = "cartapp"
EXIT_STORE_REFUSED = 3
"""``main()``'s exit code when the store refuses to open: locked by another cartapp, from a newer
cartapp, or anything else the store refuses on purpose (any ``StoreError``)."""
EXIT_DATA_DIR = 4
"""``main()``'s exit code when the data folder cannot be used: ``--data-dir`` or
``$CARTAPP_DATA_DIR`` names no folder, the folder cannot be created, is a file, is read-only,
or its disk is full."""
EXIT_EXPORT_FAILED = 5
"""``main()``'s exit code when ``--export FILE`` cannot write FILE."""
EXIT_UNEXPECTED = 1
"""``main()``'s exit code for a failure nobody foresaw (a bug: the details go to stderr)."""


@dataclass
class App:
    """What ``build()`` made. ``close()`` saves the layout and detaches everything."""

    qapp: QApplication
    bus: EventBus
    bridge: QtBridge
    service: CartService
    catalog: Catalog
    window: MainWindow
    settings: QSettings
    data_dir: Path
    theme: ThemeManager
    docks: dict[str, QDockWidget] = field(default_factory=dict)
    live: LiveStore | None = None
    """The open store (lock, event store, stage recorder); closed by ``close()``."""
    shop: ShopSession | None = None
    """The ``ShopSession`` when the till is part of a shop, else None."""
    orders: OrdersDock | None = None
    time_travel: TimeTravelDock | None = None
    files: SessionFiles | None = None
    keys: KeyboardShortcuts | None = None
    """The History menu's and View > Go to panel's keys."""
    notices: list[str] = field(default_factory=list)
    """Things the user must be told at start-up (a damaged database was kept aside)."""
    chain_checked: bool = False
    """Whether the background check of the live stream's whole chain has reported."""
    chain_break: int | None = None
    """The first version of the live stream whose digest does not match (None: all match)."""
    closed: bool = False

    def close(self) -> None:
        """Save the layout, detach bridge and bus, snapshot the cart, then close the store
        (flushes stage rows, marks the file cleanly closed, releases the lock). Runs once, also
        when the user closes the window."""
        if self.closed:
            return
        self.closed = True
        self.window.close()
        self.bridge.flush()
        self.bridge.close()
        self.bus.close()
        if self.shop is not None:
            self.shop.close()
        if self.live is not None:
            try:
                self.service.snapshot()
                self.live.close()
            except STORE_OR_OS_FAILURES:  # every message is committed already
                log.exception("the store did not close cleanly; it is checked at the next start")
        self.window.deleteLater()
        self.theme.deleteLater()


def ensure_application(argv: Sequence[str] | None = None) -> QApplication:
    """The running ``QApplication``, or a new one named for ``QSettings``/``QStandardPaths``."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if existing is not None:
        raise RuntimeError("a QCoreApplication without widgets is running; cartapp needs widgets")
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setDesktopFileName(APP_NAME)
    ensure_english_plurals(app)
    return app


def resolve_data_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """``data_dir``, else ``$CARTAPP_DATA_DIR``, else Qt's AppDataLocation; created if missing
    and proved writable. Raises ``DataDirError`` (see ``cartapp.paths.prepare_data_dir``)."""
    chosen = data_dir_override(data_dir)
    if chosen is None:
        location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        chosen = Path(location) if location else Path.home() / f".{APP_NAME}"
    return prepare_data_dir(chosen)


def build(
    data_dir: str | os.PathLike[str] | None = None,
    *,
    restore_layout: bool = True,
    shop_url: str | None = None,
    till: str | None = None,
    shop_credentials: str | os.PathLike[str] | None = None,
) -> App:
    """Build the whole app (see the module docstring); the caller runs the event loop.

    ``shop_url`` and ``till`` join a shop (``ShopConfigError`` if only one is given, or the
    till's name or credentials file cannot be used); ``shop_credentials`` is the till's 0600
    password file that ``python -m cartapp.shop.server --tills ...`` wrote."""
    qapp = ensure_application()
    shop = _shop_config(shop_url, till, shop_credentials)
    directory = resolve_data_dir(data_dir)
    catalog = Catalog.from_json(resource_path("catalog.json").read_bytes())
    # First, so that a refused store (locked, too new) leaves nothing half built behind.
    live = LiveStore.open(directory, currency=catalog.currency)
    try:
        history = _read_history(live)
        return _build(
            qapp, directory, catalog, live, history, restore_layout=restore_layout, shop=shop
        )
    except BaseException:
        live.close()
        raise


def _coupons() -> CouponTable | None:
    """The bundled coupon table; a missing or bad file is logged and means no coupons."""
    try:
        return load_coupons(resource_path("coupons.json").read_bytes())
    except (OSError, ValueError) as exc:  # pydantic's ValidationError is a ValueError
        log.warning("coupons.json cannot be read, so no coupon is accepted: %s", exc)
        return None


def _read_history(live: LiveStore) -> list[StageRecord]:
    """The event log's stored history, read before anything is built: if this finds the file
    damaged (a spoilt page, a message edited by hand), ``live`` keeps it aside and starts afresh,
    as it does for damage found while opening."""
    try:
        return stored_records(live.store, DEFAULT_CAP)
    except Exception as exc:
        reason = damage_reason(exc)
        if reason is None:
            raise
        stop_at = damage_stop(exc)
    log.warning("the cart database is damaged: %s", reason)
    live.start_afresh(reason, stop_at)
    try:
        return stored_records(live.store, DEFAULT_CAP)  # what was salvaged
    except Exception as exc:
        if damage_reason(exc) is None:
            raise
        log.warning("the salvaged history cannot be shown: %s", exc)
        return []


def _build(
    qapp: QApplication,
    directory: Path,
    catalog: Catalog,
    live: LiveStore,
    history: list[StageRecord],
    *,
    restore_layout: bool,
    shop: tuple[str, str] | None = None,
) -> App:
    settings_path = directory / SETTINGS_NAME
    with contextlib.suppress(OSError):  # unreadable settings are ignored (defaults)
        ensure_private_file(settings_path)  # Qt keeps the mode of the file it replaces
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    install_language(qapp, saved_language(settings))  # before any widget sets its texts
    theme = ThemeManager(qapp, _saved_theme(settings))
    theme.apply()

    bus = EventBus(failure_fact=handler_failed)
    # The one write path: the service decides a bus step, appends it, then publishes its facts
    # and tells the bridge the new cart (which the views show).
    session: ShopSession | None = None
    event_log: EventLog = live.store
    if shop is not None:
        from cartapp.shop.owed import OwedEventLog
        from cartapp.shop.session import ShopSession

        session = ShopSession(shop[0], shop[1], catalog)
        session.owe_from(live.store, LIVE_STREAM, live.version)
        session.start(timeout=1.0)  # unreachable: the till starts offline and keeps trying
        event_log = OwedEventLog(live.store, session)
    service = CartService(
        catalog,
        event_log,
        cart=live.cart,
        version=live.version,
        snapshot_every=live.store.snapshot_every,
        stock=session,
        coupons=_coupons(),
        ledger=StoredLedger(live.store, LIVE_STREAM),
    )
    service.attach(bus)
    bus.tap(live.record_stages)
    live.telemetry.busy = lambda: not bus.idle  # stage rows wait for a flood to pass
    bridge = QtBridge(bus)
    bridge.follow(service)
    window = MainWindow(
        bus=bus,
        bridge=bridge,
        catalog=catalog,
        cart=service.cart,
        settings=settings,
        theme=theme,
    )
    bridge.setParent(window)
    log_dock = EventLogDock(bridge, parent=window)
    window.add_dock(log_dock)
    docks: dict[str, QDockWidget] = {log_dock.objectName(): log_dock}
    stats = FlowStats()
    feed = feed_for(bridge, stats)
    # Before any traffic: the scopes number this run's stage rows from the newest stored id.
    scopes = StatsScopes(feed, live.store, live.telemetry, initial=ALL)
    metrics = MetricsDock(bridge, stats, parent=window, feed=feed, scopes=scopes)
    flow = FlowDock(bridge, stats, parent=window, feed=feed, scopes=scopes)
    orders = OrdersDock(live.store, bridge=bridge, parent=window)
    time_travel = TimeTravelDock(
        live.store, currency=catalog.currency, bridge=bridge, parent=window
    )
    WhatIfPanel(  # the dock keeps it; Apply goes through the undo stack's one way in
        time_travel,
        catalog,
        coupons=service.coupons,
        live_cart=lambda: service.cart,
        publish_all=window.undo.publish_all,
        today=lambda: window.today(),
        bridge=bridge,
    )
    time_travel.set_catalog(catalog)
    # Tabs beside the event log, which stays in front. Time travel is one of them rather than a
    # column on the right: at the default 1280 px a right-hand dock squeezed the cart's names
    # to a few letters. Asked for from the log (a double-click) or an order ("Show events"), it
    # leaves the tabs and opens beside that dock, in the same bottom area (``place_beside``).
    window.sales = StoredLedger(live.store, LIVE_STREAM)
    orders.refund_requested.connect(lambda order: window.open_refund(order.order_number))
    orders.receipt_requested.connect(
        lambda order: order.checkout and window.show_receipt(order.checkout, order.timestamp)
    )
    parked = ParkedDock(
        window.cart_model,
        parent=window,
        till=None if session is None else session.till,
        frames=bridge.frames,
    )
    parked.park_requested.connect(window.request_park)
    parked.resume_requested.connect(window.request_resume)
    for extra in (metrics, flow, orders, parked, time_travel):
        window.add_dock(extra)
        docks[extra.objectName()] = extra
        window.tabifyDockWidget(log_dock, extra)
    log_dock.raise_()
    # Who consumes the facts the bridge re-emits, by name, as the log's Who column says it:
    # the main window's models and status bar, then the docks that follow the bridge.
    bridge.add_consumers(
        QCoreApplication.translate("App", "cart view"),
        QCoreApplication.translate("App", "catalog"),
        QCoreApplication.translate("App", "undo"),
        QCoreApplication.translate("App", "status bar"),
        *(d.windowTitle().lower() for d in (log_dock, metrics, flow, orders, time_travel)),
    )
    log_dock.model.product_names = product_names(catalog)
    _wire_history(window, log_dock, orders, time_travel)
    files = SessionFiles(window, live.store, time_travel, currency=catalog.currency)
    _restore_log(log_dock, history)
    if session is not None:
        docks["shopDock"] = _show_shop(window, session, log_dock, bridge, parked, (metrics, flow))
    keys = KeyboardShortcuts(window, docks, log_dock, time_travel)
    if restore_layout:
        window.restore_layout()
    app = App(
        qapp=qapp,
        bus=bus,
        bridge=bridge,
        service=service,
        catalog=catalog,
        window=window,
        settings=settings,
        data_dir=directory,
        theme=theme,
        docks=docks,
        live=live,
        orders=orders,
        time_travel=time_travel,
        files=files,
        shop=session,
        keys=keys,
    )
    window.closed.connect(app.close)
    checker = _ChainCheck(window)
    checker.finished.connect(functools.partial(_chain_checked, app))
    # Right after the first paint: the message validators, built lazily for start-up, and the
    # whole chain, checked off the GUI thread (start-up verified only the messages after the
    # snapshot it started from).
    after_first_paint(
        window, prepare_validators, functools.partial(_start_chain_check, app, checker)
    )
    if live.notice:
        app.notices.append(live.notice)
        window.show_status(
            QCoreApplication.translate(
                "App", "The cart database was damaged and kept aside; see the notice"
            ),
            "error",
        )
        QTimer.singleShot(0, window, functools.partial(_show_notice, window, live.notice))
    elif service.cart.lines:
        count = service.cart.item_count
        window.show_status(
            QCoreApplication.translate(
                "App", "Welcome back: your cart holds %n item(s) ({total})", "", count
            ).format(total=money_text(service.cart.totals().total))
        )
    return app


def _saved_shop(directory: Path) -> tuple[str | None, str | None, str | None]:
    """The shop the settings name (``shop/url``, ``shop/till``, ``shop/credentials``)."""
    settings = QSettings(str(directory / SETTINGS_NAME), QSettings.Format.IniFormat)

    def text(key: str) -> str | None:
        value = settings.value(key)
        return value.strip() or None if isinstance(value, str) else None

    return text("shop/url"), text("shop/till"), text("shop/credentials")


class ShopConfigError(ValueError):
    """The shop options cannot be used; the text says which and how to fix it."""


def _shop_config(
    url: str | None, till: str | None, credentials: str | os.PathLike[str] | None
) -> tuple[str, str] | None:
    """``(url to connect to, till name)``, or None for a till on its own."""
    if not url and not till:
        return None
    if not url or not till:
        raise ShopConfigError("to join a shop, give both --shop nats://HOST:PORT and --till NAME")
    from cartapp.shop.security import ShopCredentials, check_till_name

    for one in (part.strip() for part in url.split(",")):  # a cluster: several servers
        scheme, sep, rest = one.partition("://")
        shown = f"{scheme}://{rest.rpartition('@')[2]}" if sep else one  # never a password
        if scheme not in ("nats", "tls"):
            raise ShopConfigError(f"--shop must be a nats:// or tls:// address, not {shown!r}")
        try:
            address = urlsplit(one)
            reachable = bool(address.hostname) and address.port != 0  # .port checks the range
        except ValueError:
            reachable = False
        if not reachable:
            raise ShopConfigError(f"--shop {shown!r} needs a host and a port from 1 to 65535")
    try:
        check_till_name(till)
        if credentials is None:
            return url, till
        password = ShopCredentials.load_till(credentials, till)
    except ValueError as exc:
        raise ShopConfigError(str(exc)) from None
    return ShopCredentials({till: password}).url_for(url, till), till


def _show_shop(
    window: MainWindow,
    session: ShopSession,
    log_dock: EventLogDock,
    bridge: QtBridge,
    parked: ParkedDock,
    figures: tuple[MetricsDock, FlowDock],
) -> QDockWidget:
    """The Shop dock, the shop's stock in the catalog, the shop's state in the status bar, the
    other tills' messages in the event log, and the other tills' parked carts in the Parked
    carts dock (resumed here with ``TakeParkedCart``; a cart parked here that another till
    resumed leaves the list with ``HandOverParkedCart``). This till's stage rows are shared with
    the shop, and the Metrics and Flow docks get a till scope (``TillScopes``)."""
    from cartapp.qt.models.till_scopes import TillScopes
    from cartapp.qt.shop import (
        ShopDock,
        ShopSignals,
        given_back_text,
        remote_record,
        shop_status_text,
    )
    from cartapp.shop.parked import take_command

    signals = ShopSignals(session, window)
    dock = ShopDock(session, signals, parent=window)
    window.add_dock(dock)  # a tab beside the event log, like the other panels
    window.tabifyDockWidget(log_dock, dock)
    log_dock.raise_()
    signals.stock_changed.connect(window.catalog_model.set_shop_level)
    for sku, left in session.levels.items():
        window.catalog_model.set_shop_level(sku, left)
    state = QLabel(shop_status_text(session.till, session.online), window)
    state.setObjectName("shopState")
    window.statusBar().addPermanentWidget(state)
    signals.state_changed.connect(
        lambda online: state.setText(shop_status_text(session.till, online))
    )
    signals.remote_received.connect(lambda message: log_dock.take_batch([remote_record(message)]))
    tills = TillScopes(figures[0].feed, session.till, window)
    signals.remote_received.connect(tills.message_received)
    signals.flow_shared.connect(tills.rows_shared)
    bridge.records_batch.connect(session.share_flow)
    figures[0].set_tills(tills, "metricsTill")
    figures[1].set_tills(tills, "flowTill")

    def tell_shop(cart: Cart) -> None:
        session.set_presence(len(cart.lines), len(cart.parked))

    bridge.cart_changed.connect(lambda change: tell_shop(change.cart))
    tell_shop(window.cart_model.cart)

    def show_shared() -> None:
        parked.model.set_shared(tuple(session.parked.open()))

    def take(shared: str) -> None:
        cart = session.parked.get(shared)
        if cart is None or cart.held_by is not None:
            if cart is None:
                said = QCoreApplication.translate("Shop", "That parked cart was just resumed")
            else:
                said = QCoreApplication.translate(
                    "Shop", "That parked cart was just resumed at till {till}"
                ).format(till=cart.held_by)
            window.show_status(said)
            return
        window.send(take_command(cart))

    signals.parked_changed.connect(show_shared)
    signals.given_back.connect(
        lambda cart: window.show_status(given_back_text(cart, session.till), "error")
    )
    parked.take_requested.connect(take)
    bus = window.undo.bus  # takes publishes from the broker's thread (queued for the GUI's)
    session.follow_hand_overs(
        lambda command: bus.publish(command, source="shop"), lambda: window.cart_model.cart.parked
    )
    show_shared()
    return dock


class _ChainCheck(QObject):
    """Carries the background chain check's verdict from its thread to the GUI thread."""

    finished = Signal(object)


def _start_chain_check(app: App, checker: _ChainCheck) -> None:
    if app.closed or app.live is None:
        return

    def report(broken: int | None) -> None:
        with contextlib.suppress(RuntimeError):  # the window (and checker) went meanwhile
            checker.finished.emit(broken)

    def failed(exc: BaseException) -> None:
        if not app.closed:
            log.warning("the background check of the cart's history failed: %s", exc)

    verify_in_background(app.live.store, LIVE_STREAM, report, on_error=failed)


def _chain_checked(app: App, broken: int | None) -> None:
    """The user hears of a broken chain in the status bar (the messages are already committed
    and in use, so nothing is moved aside now; the next start finds the same break)."""
    app.chain_checked = True
    app.chain_break = broken
    if broken is None or app.closed:
        return
    log.warning("message %s of the cart's history does not match its digest", broken)
    app.window.show_status(
        QCoreApplication.translate(
            "App",
            "Message {version} of the cart's history was changed outside cartapp (it does not "
            "match its tamper-evident digest). The history is kept as it is.",
        ).format(version=broken),
        "error",
    )


def _wire_history(
    window: MainWindow, log_dock: EventLogDock, orders: OrdersDock, time_travel: TimeTravelDock
) -> None:
    """Event log and orders lead to time travel; asked for, it opens beside the dock that asked
    (``place_beside``), so the log or the order stays in view."""

    def open_order(order: Order) -> None:
        time_travel.open_order(order)
        place_beside(window, orders, time_travel)

    def travel(record: StageRecord) -> None:
        time_travel.go_to_record(record)
        place_beside(window, log_dock, time_travel)

    orders.show_events_requested.connect(open_order)
    log_dock.record_selected.connect(time_travel.go_to_record)
    log_dock.time_travel_requested.connect(travel)


def _restore_log(log_dock: EventLogDock, records: list[StageRecord]) -> None:
    """Pre-fill the event log with the stored history (as it was when the app last ran)."""
    if records:
        log_dock.take_batch(records)
        log_dock.flush()


def _show_notice(window: MainWindow, notice: str) -> None:
    """The damaged-database notice, as a warning that does not block the app."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("App", "The cart database was damaged"),
        QCoreApplication.translate(
            "App",
            "<b>Your cart database was damaged. cartapp kept the old file aside and started "
            "with what could still be read.</b>",
        ),
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setInformativeText(notice)
    box.setObjectName("storeNotice")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


# -- command line --------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cartapp",
        description="An event-driven desktop shopping cart with a live event log.",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where the app keeps its data and settings (default: $CARTAPP_DATA_DIR, "
        "else the platform's application-data folder)",
    )
    parser.add_argument(
        "--screenshot",
        metavar="FILE.png",
        help="render the main window with a demo cart to FILE.png and exit (works without a "
        "display; the demo cart lives in a throw-away folder, never in the data directory)",
    )
    parser.add_argument(
        "--shop",
        metavar="nats://HOST:PORT",
        help="join the shop whose NATS server listens there (needs --till; see the README)",
    )
    parser.add_argument("--till", metavar="NAME", help="this till's name in the shop")
    parser.add_argument(
        "--shop-credentials",
        metavar="FILE",
        help="the till's password file written by python -m cartapp.shop.server --tills",
    )
    parser.add_argument(
        "--export",
        metavar="FILE",
        help="write the cart's whole history to FILE as CloudEvents JSON Lines and exit, "
        "without opening a window (refused while a window has the cart open)",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """The ``cartapp`` command; returns the process exit code (see the module docstring)."""
    args = _parser().parse_args(list(argv) if argv is not None else None)
    if args.version:
        print(f"cartapp {__version__}")
        return 0
    if args.export is not None:  # an empty name is refused, never a window instead
        previous = os.umask(0o077)
        try:
            if args.shop or args.till:
                print(
                    "cartapp: --export writes this till's own record (its local store);"
                    " the shop's server is not contacted",
                    file=sys.stderr,
                )
            return _export_main(args.data_dir, args.export)
        finally:
            os.umask(previous)
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if args.screenshot and no_display and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    problem = platform_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    previous = os.umask(0o077)  # every file cartapp writes is private (see the module docstring)
    try:
        if args.screenshot:
            return _screenshot_main(args.screenshot)
        return _run(args.data_dir, (args.shop, args.till, args.shop_credentials))
    finally:
        os.umask(previous)


def _run(
    data_dir: str | None, shop: tuple[str | None, str | None, str | None] = (None, None, None)
) -> int:
    """Build the app on ``data_dir`` and run the event loop; a failure to start is refused."""
    qapp = ensure_application(sys.argv[:1])
    directory: Path | None = None
    try:
        directory = resolve_data_dir(data_dir)
        url, till, credentials = shop if any(shop) else _saved_shop(directory)
        app = build(directory, shop_url=url, till=till, shop_credentials=credentials)
    except Exception as exc:
        return refuse_start(exc, directory)
    app.window.show()
    # Everything built so far lives as long as the app. Freezing it keeps the cyclic collector's
    # full passes short: scanning those ~40k objects stalled the GUI thread for up to 60 ms here
    # during event storms (see the burst benchmark in cartapp/qt/bench/ui.py).
    gc.freeze()
    code = qapp.exec()
    app.close()
    return int(code)


def _export_main(data_dir: str | None, dest: str) -> int:
    """``cartapp --export FILE``: no QApplication, no window; messages on stdout/stderr."""
    if not dest.strip():
        print("cartapp: cannot export: --export needs a file name", file=sys.stderr)
        return EXIT_EXPORT_FAILED
    QCoreApplication.setOrganizationName(ORGANIZATION)  # for QStandardPaths, no instance needed
    QCoreApplication.setApplicationName(APP_NAME)
    try:
        chosen = data_dir_override(data_dir)
        if chosen is None:
            location = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.AppDataLocation
            )
            chosen = Path(location) if location else Path.home() / f".{APP_NAME}"
        count = export_data_dir(
            chosen, dest, on_notice=lambda text: print(f"cartapp: {text}", file=sys.stderr)
        )
    except (DataDirError, NoHistoryError) as exc:
        print(f"cartapp: cannot export: {exc}", file=sys.stderr)
        return EXIT_DATA_DIR
    except StoreError as exc:
        _, text, code = start_failure_text(exc, chosen)
        print(f"cartapp: cannot export: {text}", file=sys.stderr)
        return code
    except STORE_OR_OS_FAILURES as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        print(f"cartapp: cannot export to {dest}: {reason}", file=sys.stderr)
        return EXIT_EXPORT_FAILED
    print(f"cartapp: exported {count:,} message{'s' if count != 1 else ''} to {dest}")
    return 0


_DISK_FULL = ("database or disk is full", "disk i/o error")
_READ_ONLY = ("readonly database", "read-only", "unable to open database file")


def start_failure_text(exc: BaseException, data_dir: Path | None = None) -> tuple[str, str, int]:
    """Why cartapp does not start, for a person: ``(title, text, exit code)``. The text names
    the problem and the fix; it is what ``refuse_start`` prints and shows."""
    where = data_dir if data_dir is not None else Path("the data folder")
    translate = QCoreApplication.translate
    no_folder = translate("App", "cartapp cannot use its data folder")
    if isinstance(exc, DataDirError):
        return no_folder, str(exc), EXIT_DATA_DIR
    if isinstance(exc, ShopConfigError):
        return translate("App", "cartapp cannot join the shop"), str(exc), 2
    if isinstance(exc, StoreLockedError):
        text = translate(
            "App",
            "cartapp cannot open this cart: {reason}.\n\nOnly one cartapp at a time may use a "
            "data folder ({folder}). Switch to the open window, or start this one with another "
            "folder: cartapp --data-dir DIR",
        ).format(reason=exc, folder=Path(exc.path).parent)
        return translate("App", "cartapp is already open"), text, EXIT_STORE_REFUSED
    if isinstance(exc, StoreError):
        return translate("App", "cartapp cannot open this cart"), str(exc), EXIT_STORE_REFUSED
    if isinstance(exc, OSError):
        return no_folder, data_dir_problem(where, exc), EXIT_DATA_DIR
    reason = database_problem(exc)
    if reason is not None:
        return no_folder, data_dir_problem(where, reason), EXIT_DATA_DIR
    text = translate(
        "App",
        "cartapp failed to start: {error}\n\nThis is a bug in cartapp; the details were "
        "printed where cartapp was started. Please report them.",
    ).format(error=f"{type(exc).__name__}: {exc}")
    return translate("App", "cartapp failed to start"), text, EXIT_UNEXPECTED


def refuse_start(exc: BaseException, data_dir: Path | None = None) -> int:
    """Tell the user why cartapp does not start and return the exit code: always on stderr,
    and in a dialog (themed as the user chose, see ``refusal_box``) when there is a screen to
    show it on. An unexpected failure also prints its traceback on stderr, for a bug report."""
    title, text, code = start_failure_text(exc, data_dir)
    if code == EXIT_UNEXPECTED:
        traceback.print_exception(exc, file=sys.stderr)
    print(f"cartapp: {text}", file=sys.stderr)
    platform = QGuiApplication.platformName().lower() if QGuiApplication.instance() else ""
    if platform and platform not in ("offscreen", "minimal"):
        refusal_box(title, text, data_dir).exec()
    return code


def refusal_box(title: str, text: str, data_dir: Path | None = None) -> QMessageBox:
    """The start-up refusal as a dialog: the saved theme of ``data_dir`` (if any), the first
    paragraph as the headline and the rest as wrapped detail."""
    qapp = ensure_application(sys.argv[:1])
    saved = "system"
    if data_dir is not None and (data_dir / SETTINGS_NAME).is_file():
        saved = _saved_theme(QSettings(str(data_dir / SETTINGS_NAME), QSettings.Format.IniFormat))
    theme = ThemeManager(qapp, saved)
    theme.apply()
    headline, _, detail = text.partition("\n\n")
    box = QMessageBox(QMessageBox.Icon.Critical, title, headline, QMessageBox.StandardButton.Ok)
    box.setObjectName("startRefused")
    box.setTextFormat(Qt.TextFormat.PlainText)
    if detail:
        box.setInformativeText(detail)
    # QMessageBox wraps at word boundaries; a long path has none, so give the text room.
    box.setStyleSheet(
        "QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel { min-width: 30em; }"
    )
    return box


def _saved_theme(settings: QSettings) -> str:
    """The theme saved in ``settings``; "system" if missing or not a name (a hand edit)."""
    value = settings.value(THEME_KEY, "system")
    return value if isinstance(value, str) else "system"


def _screenshot_main(path: str) -> int:
    ensure_application(sys.argv[:1])
    # The demo cart must not land in the user's own data: always a throw-away folder, whatever
    # --data-dir or $CARTAPP_DATA_DIR say.
    with tempfile.TemporaryDirectory(prefix="cartapp-screenshot-") as scratch:
        try:
            app = build(scratch, restore_layout=False)
        except Exception as exc:
            return refuse_start(exc, Path(scratch))
        ok = take_screenshot(app, path)
        _close_quietly(app)
    if not ok:
        print(f"cartapp: could not write {path}", file=sys.stderr)
        return 1
    print(f"cartapp: wrote {path}")
    return 0


def _close_quietly(app: App) -> None:
    app.window.settings = None  # a screenshot does not change the saved layout
    app.close()
