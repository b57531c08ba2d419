"""The app's frame: main window, start-up and login, status bar, undo, the change bus, prompts."""
