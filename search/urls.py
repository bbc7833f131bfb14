"""Routes of the search app (filled in by the search issue)."""

urlpatterns: list = []
