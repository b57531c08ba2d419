"""mlplanner: offline scheduler for the sites of a Mission Locale."""

__version__ = "0.1.0"
