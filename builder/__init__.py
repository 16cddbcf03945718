"""musubi: a static knowledge-base generator for Japanese news articles."""

__version__ = "0.1.0"
