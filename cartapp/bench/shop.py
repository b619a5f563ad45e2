"""``python -m cartapp.bench --only shop``: a shop of tills on a real NATS server, beside the
embedded store in the same run.

Everything runs on this machine: a ``nats-server -js`` on 127.0.0.1 (``sync_interval: always``,
so every acknowledged append was fsynced) and the tills as threads, each with its own bus, cart
service and SQLite store, wired as the app wires them (``ShopSession`` as the stock gate and
``OwedEventLog`` as the owed copy). Figures are medians or percentiles of one run; the
reference is the same work on the embedded store, measured in the same run.
"""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
from pathlib import Path

from cartapp.bench.common import Table
from cartapp.bus import Envelope, EventBus
from cartapp.bus.stage_row import StageRow
from cartapp.domain.catalog import Catalog
from cartapp.domain.events import AddItem, RemoveItem
from cartapp.handlers import CartService
from cartapp.paths import resource_path
from cartapp.store import LIVE_STREAM, EventStore

__all__ = ["main"]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _catalog(stock: int) -> Catalog:
    base = Catalog.from_json(resource_path("catalog.json").read_bytes())
    products = tuple(p.model_copy(update={"stock": stock}) for p in base.products)
    return base.model_copy(update={"products": products})


class _Till:
    def __init__(self, folder: Path, url: str | None, name: str, catalog: Catalog) -> None:
        from cartapp.shop.owed import OwedEventLog
        from cartapp.shop.session import ShopSession

        self.store = EventStore.open(folder / f"{name}.sqlite3")
        self.shop = None
        log = self.store
        if url is not None:
            self.shop = ShopSession(url, name, catalog)
            self.shop.start()
            self.shop.owe_from(self.store, LIVE_STREAM, 0)
            log = OwedEventLog(self.store, self.shop)  # type: ignore[assignment]
        self.bus = EventBus()
        self.service = CartService(catalog, log, stock=self.shop)
        self.service.attach(self.bus)

    def churn(self, item: str, n: int) -> float:
        """``n`` commands (add one, remove one, ...) on ``item``; returns commands/s."""
        t0 = time.perf_counter()
        for i in range(n):
            command = AddItem if i % 2 == 0 else RemoveItem
            self.bus.publish(command(item_id=item, quantity=1), source="ui")
        return n / (time.perf_counter() - t0)

    def close(self) -> None:
        if self.shop is not None:
            deadline = time.monotonic() + 60
            while self.shop.owed and time.monotonic() < deadline:
                time.sleep(0.01)
            self.shop.close()
        self.store.close()


def _stage_rows(catalog: Catalog, commands: int) -> list[StageRow]:
    """The stage rows of ``commands`` adds and removes on a real bus with the cart service."""
    bus = EventBus()
    CartService(catalog).attach(bus)
    rows: list[StageRow] = []
    bus.tap(lambda batch: rows.extend(record.to_row() for record in batch))
    item = catalog.products[0].id
    for i in range(commands):
        command = AddItem if i % 2 == 0 else RemoveItem
        bus.publish(command(item_id=item, quantity=1), source="ui")
    bus.close()
    return rows


def _shared_flow(table: Table, url: str, catalog: Catalog, commands: int) -> None:
    """6. The shop's figures: one till's stage rows shared with another and counted there,
    against counting the same rows where they were made."""
    from cartapp.analytics import FlowStats
    from cartapp.analytics.tills import ShopFlow
    from cartapp.shop.flowshare import MAX_ROWS, decode_rows, encode_rows
    from cartapp.shop.session import ShopSession

    rows = _stage_rows(catalog, commands)
    t0 = time.perf_counter()
    FlowStats().observe_many(rows)
    local_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    flow = ShopFlow("f2")
    for first in range(0, len(rows), MAX_ROWS):
        till, got = decode_rows("flow.f1", encode_rows("f1", rows[first : first + MAX_ROWS]))
        flow.observe_rows(till, got)
    shared_s = time.perf_counter() - t0
    table.add(
        f"shop figures: {len(rows):,} stage rows encoded, checked, counted per till and shop",
        f"{shared_s / len(rows) * 1e9:,.0f} ns/row",
        f"{local_s / len(rows) * 1e9:,.0f} ns/row (counted locally)",
        f"{shared_s / local_s:.1f}x",
    )
    one, two = ShopSession(url, "f1", catalog), ShopSession(url, "f2", catalog)
    heard = [0]
    done = threading.Event()

    def count(_till: str, got: list[StageRow]) -> None:
        heard[0] += len(got)
        if heard[0] >= len(rows):
            done.set()

    two.on_flow(count)
    try:
        one.start()
        two.start()
        deadline = time.monotonic() + 30
        while "f1" not in two.tills and time.monotonic() < deadline:  # f2 listens now
            time.sleep(0.01)
        t0 = time.perf_counter()
        for first in range(0, len(rows), 512):  # a frame's batch at a time, as the app does
            one.share_flow(rows[first : first + 512])
        done.wait(60)
        wire_s = time.perf_counter() - t0
        table.add(
            f"shop figures: {len(rows):,} stage rows from one till to another",
            f"{heard[0] / wire_s:,.0f} rows/s ({len(rows) - heard[0]:,} not heard, "
            f"{one.flow_dropped:,} dropped)",
            f"{len(rows) / local_s:,.0f} rows/s (counted locally)",
            f"{(len(rows) / local_s) / (heard[0] / wire_s):.1f}x" if heard[0] else "-",
        )
    finally:
        one.close()
        two.close()


def _in_thread(fn: object, *args: object) -> object:
    out: list[object] = []
    thread = threading.Thread(target=lambda: out.append(fn(*args)))  # type: ignore[operator]
    thread.start()
    thread.join()
    return out[0]


def main(quick: bool = False) -> None:
    try:
        from cartapp.shop.link import ShopLink
        from cartapp.shop.log import JetStreamLog
        from cartapp.shop.security import ADMIN
        from cartapp.shop.server import ShopServer
        from cartapp.shop.stock import Reserved, ShopStock
    except ImportError:
        print("## Shop\n\nskipped: the shop extra is not installed (pip install '.[shop]')\n")
        return
    n = 300 if quick else 2_000
    catalog = _catalog(1_000_000)
    item = catalog.products[0]
    with tempfile.TemporaryDirectory(prefix="cartapp-bench-shop-") as tmp:
        folder = Path(tmp)
        server = ShopServer(folder / "nats").start()
        try:
            with ShopLink(server.url, ADMIN) as admin:
                admin.connect().ensure_stream()
            table = Table(
                "Shop: tills on NATS JetStream (127.0.0.1) beside the embedded store",
                ["figure", "shop", "embedded store", "ratio"],
            )

            # 1. a reservation at till 1 reaching till 2's stock view
            with ShopLink(server.url, "b1") as one:
                from cartapp.shop.session import ShopSession

                two = ShopSession(server.url, "b2", catalog)
                two.start()
                seen = threading.Event()
                two.on_stock(lambda sku, left: seen.set())
                stock = ShopStock(one.connect(), {item.sku: 1_000_000})
                latencies = []
                for i in range(n // 2):
                    seen.clear()
                    t0 = time.perf_counter()
                    one.call(stock.reserve(item.sku, 1, f"lat-{i}"))
                    seen.wait(10)
                    latencies.append((time.perf_counter() - t0) * 1e3)
                two.close()
            store = EventStore.open(folder / "ref.sqlite3")
            local = []
            for _ in range(n // 2):
                envelope = Envelope.new(AddItem(item_id=item.id, quantity=1), source="ui")
                t0 = time.perf_counter()
                store.append([envelope], LIVE_STREAM, store.version(LIVE_STREAM))
                local.append((time.perf_counter() - t0) * 1e3)
            store.close()
            table.add(
                "a till's reservation -> the other till's stock view, p50 / p99",
                f"{statistics.median(latencies):.2f} / {_percentile(latencies, 0.99):.2f} ms",
                f"{statistics.median(local):.2f} / {_percentile(local, 0.99):.2f} ms (append)",
                f"{statistics.median(latencies) / statistics.median(local):.1f}x",
            )

            # 2. one till's commands/s, on the shop and alone
            def one_till(url: str | None, name: str) -> float:
                till = _Till(folder, url, name, catalog)
                try:
                    return till.churn(item.id, n)
                finally:
                    till.close()

            shop_rate = float(_in_thread(one_till, server.url, "c1"))  # type: ignore[arg-type]
            alone_rate = float(_in_thread(one_till, None, "c2"))  # type: ignore[arg-type]
            table.add(
                "one till, add/remove commands/s",
                f"{shop_rate:,.0f}/s",
                f"{alone_rate:,.0f}/s",
                f"{shop_rate / alone_rate:.2f}x",
            )

            # 3. four tills at once, each on its own product
            rates: list[float] = []

            def till_of_four(index: int) -> None:
                till = _Till(folder, server.url, f"f{index}", catalog)
                try:
                    rates.append(till.churn(catalog.products[index].id, n // 2))
                finally:
                    till.close()

            threads = [threading.Thread(target=till_of_four, args=(i,)) for i in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            table.add(
                "four tills on one machine, commands/s in total",
                f"{sum(rates):,.0f}/s",
                f"{alone_rate:,.0f}/s (one till alone)",
                f"{sum(rates) / alone_rate:.2f}x",
            )

            # 4. the contest: two tills racing for 100 units
            contested = "shop-contest"
            conflicts = sold = 0
            stocks: list[ShopStock] = []
            lock = threading.Lock()

            def race(name: str) -> None:
                nonlocal sold
                with ShopLink(server.url, name) as link:
                    stock = ShopStock(link.connect(), {contested.upper(): 100})
                    stocks.append(stock)
                    for i in range(500 if quick else 1_000):
                        result = link.call(stock.reserve(contested.upper(), 1, f"{name}-{i}"))
                        if isinstance(result, Reserved):
                            with lock:
                                sold += 1

            racers = [threading.Thread(target=race, args=(name,)) for name in ("r1", "r2")]
            for thread in racers:
                thread.start()
            for thread in racers:
                thread.join()
            conflicts = sum(s.conflicts for s in stocks)
            attempts = 2 * (500 if quick else 1_000)
            table.add(
                f"contest: 2 tills x {attempts // 2:,} adds for 100 units",
                f"{sold} sold, {conflicts} conflicts ({conflicts / attempts:.1%} of attempts)",
                "-",
                "-",
            )

            # 5. catching up on 10,000 missed messages of a cart
            missed = 1_000 if quick else 10_000
            with ShopLink(server.url, "w1") as writer:
                log = JetStreamLog(writer.connect())
                version = 0
                batch = [
                    Envelope.new(AddItem(item_id=item.id, quantity=1), source="ui")
                    for _ in range(missed)
                ]
                for first in range(0, missed, 250):
                    version = writer.call(
                        log.append(batch[first : first + 250], "w1-cart", version)
                    )
            with ShopLink(server.url, "w2") as reader:
                log = JetStreamLog(reader.connect())
                t0 = time.perf_counter()
                got = reader.call(log.read("w1-cart"), timeout=300)
                shop_s = time.perf_counter() - t0
            ref = EventStore.open(folder / "catchup.sqlite3")
            ref.append(batch, LIVE_STREAM, 0)
            t0 = time.perf_counter()
            local_count = sum(1 for _ in ref.iter_events(LIVE_STREAM))
            local_s = time.perf_counter() - t0
            ref.close()
            assert len(got) == local_count == missed
            table.add(
                f"catch-up on {missed:,} missed messages (read, checked)",
                f"{shop_s * 1e3:,.0f} ms",
                f"{local_s * 1e3:,.0f} ms (local read)",
                f"{shop_s / local_s:.1f}x",
            )
            _shared_flow(table, server.url, catalog, 2_000 if quick else 20_000)
            table.print()
        finally:
            server.kill()


if __name__ == "__main__":
    main()
