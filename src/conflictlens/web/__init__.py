"""The web app (``conflictlens serve``): FastAPI pages and JSON API over a stored database."""

from .app import create_app

__all__ = ["create_app"]
