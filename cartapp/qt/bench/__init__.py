"""The benchmarks that need Qt (signals, the bridge, the app's widgets); ``python -m
cartapp.bench`` runs them beside the Qt-free ones in ``cartapp.bench``."""
