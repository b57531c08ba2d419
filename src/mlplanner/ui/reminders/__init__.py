"""The outbox in the app: schedule, settings tab, the youth file's messages."""
