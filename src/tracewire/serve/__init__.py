"""Serve stage: exports and (later) the API and web pages."""
