"""Wagtail API v2 for headless clients: read-only, live public pages only."""

from django.db.models import Q
from django.utils import timezone

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint, without pages whose expiry has passed (before the scheduler
    unpublishes them); ``?search=`` runs through the site's Vietnamese search backend."""

    def get_base_queryset(self):
        now = timezone.now()
        return super().get_base_queryset().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
