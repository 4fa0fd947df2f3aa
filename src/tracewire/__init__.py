"""tracewire: evidence graphs of the surveillance- and security-technology trade.

The Python API (see `tracewire.api`)::

    import tracewire
    with tracewire.open("tracewire.db") as graph:
        graph.claims("Tiandy").to_pandas()
"""

from tracewire.api import EntityNotFoundError, Graph, Records, open, to_pandas

__all__ = ["EntityNotFoundError", "Graph", "Records", "open", "to_pandas"]
