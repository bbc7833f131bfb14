"""URLs of the citizens' endpoints that are not pages (included by ``cms.urls``)."""

from django.urls import path

from . import votes

app_name = "citizens"
urlpatterns = [
    path("danh-gia-trang/<int:page_id>/", votes.vote, name="vote"),
]
