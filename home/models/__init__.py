"""Models of the home app, one module per kind of thing (see DESIGN.md)."""

from .pages import HomePage, StandardPage

__all__ = ["HomePage", "StandardPage"]
