"""Benchmarks: ``python -m cartapp.bench`` prints figures and ratios against references measured
in the same run (psygnal, pyee, raw Qt signals, raw SQLite). They never pass or fail: the machine
is shared and noisy, so every figure is the median of several repeats.
"""
