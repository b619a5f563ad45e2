"""Qt item models (adapters over domain state) of the app."""
