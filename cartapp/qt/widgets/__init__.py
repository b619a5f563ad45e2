"""Qt widgets: panels and docks of the app."""
