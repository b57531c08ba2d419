"""Accessibility (RGAA) across the whole window: descriptions for screen readers, results said aloud,
text size, high contrast. Installed like any UI area (`install.install(window)`)."""
