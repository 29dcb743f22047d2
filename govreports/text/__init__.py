"""Words: tokens, term frequencies, distinctive terms, keyword in context,
policy-attention themes, numbered slogans and similarity between reports."""

from ._similarity import shared_passages, similarity
from ._themes import attention, slogans, theme_ids
from ._tokens import distinctive_terms, kwic, term_frequencies, tokenize

__all__ = [
    "attention", "distinctive_terms", "kwic", "shared_passages", "similarity", "slogans", "term_frequencies",
    "theme_ids", "tokenize",
]
