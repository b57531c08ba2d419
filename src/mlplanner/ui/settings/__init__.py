"""Settings: site hours and closures, rooms, staff (working patterns, absences, accounts), types."""

from mlplanner.ui.settings.page import SettingsPage

__all__ = ["SettingsPage"]
