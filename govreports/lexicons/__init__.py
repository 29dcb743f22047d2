"""Bundled lexicons: policy dictionary, stop words, theme dictionary (see README.md)."""
