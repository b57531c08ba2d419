"""Settings: site hours and closures, rooms, staff (working patterns, absences, accounts), types."""

from .page import SettingsPage

__all__ = ["SettingsPage"]
