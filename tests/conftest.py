"""Shared fixtures. Qt must see the offscreen platform before anything imports it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MLPLANNER_NO_USER_SETTINGS", "1")
