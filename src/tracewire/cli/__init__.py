"""Command-line interface: thin Typer commands over plain functions."""
