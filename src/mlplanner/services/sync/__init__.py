"""Sync between sites through a shared folder: export, decide, apply change sets."""
