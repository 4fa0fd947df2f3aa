"""Evaluation against annotated gold files (rules of shared/corpus/README.md)."""
