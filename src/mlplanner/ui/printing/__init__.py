"""Printing from the app: preview, printers, save as PDF."""
