"""``FrameClock``: the one scheduler of the GUI's periodic and coalesced work.

The bridge makes one (``QtBridge.frames``) and drives it; the event log, the metrics feed, the
statistics scopes, time travel, the cart panel and the main window register their per-frame work
with it (``register``) and say their budget. Nothing else in the UI owns a timer for such work.

**The emission policy** (the one place it is written down):

- **Requests, not events.** A component never redraws per fact or per record. It keeps what
  arrived (or just notes that something changed) and calls ``Job.request()``; the clock runs the
  job's ``work`` later, once, from the latest state. Any number of requests before that run are
  one run: N facts in one frame are one update.
- **At most once per frame.** A job runs at most once every ``frame_ms`` (16 ms, about 60 per
  second), or every ``period_ms`` if it asked for a longer one (the event log takes rows at most
  every 33 ms, every 100 ms while a flood lasts; time travel reads the store at most every
  100 ms; the metrics panels redraw at most every 250 ms). After a quiet spell a
  request runs on the next event-loop turn, so one click is never held back for a frame.
- **Lag.** A job given ``lag_ms`` runs no sooner than that after the request that woke it: the
  metrics panels, which only summarise, wait a frame, so the frame that answers a click paints
  the click's own rows (the cart, the log) first.
- **Urgent jobs** (``urgent=True``, only the bus's inbox) run on the next event-loop turn on
  every request: delivery is not drawing, and a flood from a worker thread must be worked off as
  fast as the GUI thread can, between paints and input.
- **Flood.** While the urgent job leaves work behind (its ``work`` returned True: the bus's
  inbox holds more than one turn), the clock is *flooded* (``flooded``) and every other job runs
  at most every ``FLOOD_PERIOD_MS`` (100 ms, or its own longer period): the views show the
  latest state ten times a second and the GUI thread's time goes to working the flood off. The
  first turn that leaves nothing behind ends the flood; jobs held back run at once.
- **Budgets.** ``work(deadline)`` gets the clock time by which it should stop (``budget_ms``
  after the frame began its run; the time it may take) and returns True when work is left; the
  job then stays requested and goes on in its next frame, so the event loop (paints, input,
  timers) gets its turn in between. Jobs that do not slice their work ignore the deadline.
- **Off screen, no work.** A job given ``on_screen`` (a predicate; ``dock_on_screen`` for a
  dock) does not run while it says False: the request is kept, and ``follow_visibility`` asks
  for the run again when the dock comes to the front, so it catches up from the latest state
  when shown. A dock behind another tab stays ``isVisible()``, so ``dock_on_screen`` asks
  ``visibleRegion()`` instead.
- **Heartbeats.** ``heartbeat_ms`` requests the job by itself that long after its last run (the
  rate chart moves on once a second while nothing happens).
- **Order.** In one frame, due jobs run in registration order; a job requested by an earlier
  job of the same frame (the bridge's records, then the log that shows them) runs in that frame.
- **Time.** Every decision reads ``clock`` (seconds, default ``time.perf_counter``). Tests pass
  their own clock and ``drive=False`` and call ``tick()`` for each frame: nothing waits.

**Timers kept elsewhere, and why**: the search box's 120 ms pause waits for the user to stop
typing (a debounce on input, not a frame); the store's stage-row writer runs on its own thread
and commits every half second (disk batching, not drawing); work that must wait until the window
is on screen (the pydantic validators, the chain check) runs once, right after the first paint
(``after_first_paint``), and the damaged-store notice is a one-shot ``singleShot(0)`` so its
dialog opens from the event loop, not from ``build()``: neither is on a clock. The File menu's
export actions fall back to a next-turn single shot only when they are built without a bridge
(and so without this clock), as some tests build them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget, QWidget

__all__ = [
    "FLOOD_PERIOD_MS",
    "FRAME_MS",
    "FrameClock",
    "Job",
    "after_first_paint",
    "dock_on_screen",
    "follow_visibility",
]

FRAME_MS = 16
"""One frame: about 60 per second, the screen's pace."""

FLOOD_PERIOD_MS = 100
"""During a flood (see the policy) a non-urgent job runs at most this often."""

_FLOOD_S = FLOOD_PERIOD_MS / 1000.0

_SLACK_S = 1e-4
"""A job due within this (0.1 ms) runs in this frame: timers and float sums are not exact."""

Work = Callable[[float], object]
"""``work(deadline)``: do the job's work (stop by ``deadline``, clock seconds); True: more left."""


class Job:
    """One registered piece of per-frame work; see the module docstring."""

    __slots__ = (
        "_clock",
        "budget_s",
        "heartbeat_s",
        "lag_s",
        "last_run",
        "name",
        "on_screen",
        "period_s",
        "requested",
        "requested_at",
        "runs",
        "urgent",
        "work",
    )

    def __init__(
        self,
        clock: FrameClock,
        name: str,
        work: Work,
        budget_ms: float,
        period_ms: float,
        urgent: bool,
        on_screen: Callable[[], bool] | None,
        heartbeat_ms: float | None,
        lag_ms: float = 0.0,
    ) -> None:
        self._clock = clock
        self.name = name
        self.work = work
        self.budget_s = budget_ms / 1000.0
        self.period_s = max(period_ms, clock.frame_ms) / 1000.0
        self.urgent = urgent
        self.on_screen = on_screen
        self.heartbeat_s = None if heartbeat_ms is None else heartbeat_ms / 1000.0
        self.lag_s = lag_ms / 1000.0
        self.requested = False
        self.requested_at = 0.0
        """Clock time of the request that woke the job."""
        self.last_run: float | None = None
        """Clock time of the last run (None: never ran)."""
        self.runs = 0
        """How many times ``work`` ran (tests count updates with it)."""

    def request(self) -> None:
        """Ask for one run of ``work`` (see the policy); cheap, call it per fact if need be."""
        if not self.requested:
            self.requested = True
            self.requested_at = self._clock.clock()
            self._clock._schedule()

    def cancel(self) -> None:
        """Forget a pending request."""
        self.requested = False

    def set_period(self, period_ms: float) -> None:
        """Run at most every ``period_ms`` from now on (never more often than once a frame)."""
        self.period_s = max(period_ms, self._clock.frame_ms) / 1000.0

    def visible(self) -> bool:
        return self.on_screen is None or self.on_screen()

    def due_at(self) -> float:
        """Clock time from which the next run may happen (if requested)."""
        if self.urgent:
            return float("-inf")
        lagged = self.requested_at + self.lag_s if self.lag_s else float("-inf")
        if self.last_run is None:
            return lagged
        period = self.period_s
        if self._clock.flooded and period < _FLOOD_S:
            period = _FLOOD_S
        return max(self.last_run + period, lagged)

    def __repr__(self) -> str:
        return f"Job({self.name!r}, requested={self.requested}, runs={self.runs})"


class FrameClock(QObject):
    """Runs registered jobs once per frame at most; see the module docstring."""

    def __init__(
        self,
        *,
        frame_ms: int = FRAME_MS,
        clock: Callable[[], float] = time.perf_counter,
        drive: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("frameClock")
        self.frame_ms = frame_ms
        self.clock = clock
        self.jobs: tuple[Job, ...] = ()
        self.frames = 0
        """How many ticks ran at least one job."""
        self.flooded = False
        """Whether the urgent job's last run left work behind (see "Flood" in the policy)."""
        self._ticking = False
        self._timer: QTimer | None = None
        if drive:
            self._timer = QTimer(self)
            self._timer.setSingleShot(True)
            self._timer.setTimerType(Qt.TimerType.PreciseTimer)
            self._timer.timeout.connect(self.tick)

    def register(
        self,
        name: str,
        work: Work,
        *,
        budget_ms: float = 4.0,
        period_ms: float = 0.0,
        urgent: bool = False,
        on_screen: Callable[[], bool] | None = None,
        heartbeat_ms: float | None = None,
        lag_ms: float = 0.0,
    ) -> Job:
        """Add a job (run after those registered before it); ``Job.request()`` asks for a run."""
        job = Job(self, name, work, budget_ms, period_ms, urgent, on_screen, heartbeat_ms, lag_ms)
        self.jobs = (*self.jobs, job)
        if heartbeat_ms is not None:
            self._schedule()
        return job

    def unregister(self, job: Job) -> None:
        job.requested = False
        self.jobs = tuple(j for j in self.jobs if j is not job)

    def stop(self) -> None:
        """Run nothing more by itself (``tick()`` still works); for shutdown."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def now(self) -> float:
        return self.clock()

    @Slot()
    def tick(self, force: bool = False) -> None:
        """Run one frame now: every requested, due, on-screen job, in registration order.

        ``force``: due or not (a flush: shutdown, exports, tests that need the latest state at
        once); off-screen jobs still wait."""
        if self._ticking:
            return
        self._ticking = True
        ran = False
        try:
            for job in self.jobs:
                now = self.clock()
                beat = job.heartbeat_s
                if beat is not None and not job.requested:
                    job.requested = job.last_run is None or now - job.last_run >= beat
                    job.requested_at = now - job.lag_s  # a heartbeat is due at once
                early = not force and now + _SLACK_S < job.due_at()
                if not job.requested or early or not job.visible():
                    continue
                job.requested = False
                job.last_run = now
                job.runs += 1
                ran = True
                more = bool(job.work(now + job.budget_s))
                if more:
                    job.requested = True
                if job.urgent:
                    self.flooded = more
        finally:
            self._ticking = False
        if ran:
            self.frames += 1
        self._schedule()

    def due_in_ms(self) -> float | None:
        """In how many ms the next frame runs, as scheduled now; None when nothing waits."""
        due = self._next_due()
        if due is None:
            return None
        wait = due - self.clock()
        return wait * 1000.0 if wait > 0 else 0.0

    def _next_due(self) -> float | None:
        due: float | None = None
        for job in self.jobs:
            if job.requested:
                if job.on_screen is not None and not job.on_screen():
                    continue  # off screen: the dock asks again when it is shown
                at = job.due_at()
            elif job.heartbeat_s is not None:
                at = float("-inf") if job.last_run is None else job.last_run + job.heartbeat_s
            else:
                continue
            due = at if due is None else min(due, at)
        return due

    def _schedule(self) -> None:
        timer = self._timer
        if timer is None or self._ticking:
            return
        due = self._next_due()
        if due is None:
            timer.stop()
            return
        wait = due - self.clock()
        wait_ms = int(wait * 1000.0 + 0.999) if wait > 0 else 0
        if timer.isActive() and timer.remainingTime() <= wait_ms:
            return
        timer.start(wait_ms)

    def __repr__(self) -> str:
        return f"FrameClock(frame_ms={self.frame_ms}, jobs={[j.name for j in self.jobs]})"


def dock_on_screen(dock: QWidget) -> Callable[[], bool]:
    """A predicate: is ``dock`` on screen (shown, not minimised, and the front tab)?

    ``isVisible()`` stays True for a dock behind another tab; its visible region is empty there.
    """

    def on_screen() -> bool:
        return dock.isVisible() and not dock.visibleRegion().isEmpty()

    return on_screen


def follow_visibility(dock: QDockWidget, job: Job) -> None:
    """Ask ``job`` to run when ``dock`` comes on screen (a tab raised, the dock shown), so a
    request kept while it was hidden is carried out then."""

    def changed(visible: bool) -> None:
        if visible and job.requested:
            job._clock._schedule()
        elif visible:
            job.request()

    dock.visibilityChanged.connect(changed)


class _FirstPaint(QObject):
    """Calls its callbacks once, on the event-loop turn after ``widget``'s first paint."""

    def __init__(self, widget: QWidget, callbacks: tuple[Callable[[], object], ...]) -> None:
        super().__init__(widget)
        self._callbacks = callbacks
        self._widget = widget
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callbacks:
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # after the whole paint pass
        return False

    def _run(self) -> None:
        callbacks, self._callbacks = self._callbacks, ()
        for callback in callbacks:
            callback()
        self.deleteLater()


def after_first_paint(widget: QWidget, *callbacks: Callable[[], object]) -> None:
    """Call ``callbacks`` in order once ``widget`` has been painted for the first time (start-up
    work the first paint need not wait for)."""
    _FirstPaint(widget, callbacks)
