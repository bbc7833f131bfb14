"""Wagtail API v2 for headless clients: read-only, live public pages and the images and documents
they use (a file uploaded for a draft is not listed before its page is published)."""

from django.db.models import Q
from django.utils import timezone

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.security.public_media import filter_public


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint, without pages whose expiry has passed (before the scheduler
    unpublishes them); ``?search=`` runs through the site's Vietnamese search backend."""

    def get_base_queryset(self):
        now = timezone.now()
        return super().get_base_queryset().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    """Only the images a live public page uses."""

    def get_queryset(self):
        return filter_public(super().get_queryset())


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    """Only the documents a live public page uses (as ``/documents/…`` serves them)."""

    def get_queryset(self):
        return filter_public(super().get_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
