"""The web interface: REST API and server-rendered pages over a store."""

from tracewire.serve.web.app import create_app

__all__ = ["create_app"]
