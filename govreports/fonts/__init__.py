"""Bundled font files (package data only; see README.md beside this file)."""
