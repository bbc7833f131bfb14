"""The project's URLs plus views that fail, for the error-handling tests."""

from django.db import OperationalError
from django.urls import path

from cms.urls import handler500
from cms.urls import urlpatterns as project_urlpatterns

__all__ = ["handler500", "urlpatterns"]


def boom(request):
    raise RuntimeError("secret-detail-that-must-not-leak")


def database_gone(request):
    try:
        raise OSError("connection refused on db.internal:5432")
    except OSError as error:
        raise OperationalError("server closed the connection unexpectedly") from error


urlpatterns = [
    path("boom/", boom),
    path("database-gone/", database_gone),
    *project_urlpatterns,
]
