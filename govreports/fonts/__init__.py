"""Bundled font files (see README.md beside this file) and, in ``_embed``, the subsets of the
font that HTML outputs embed so Chinese renders without a system font."""
