"""The sync page and the periodic sync in the app."""
