"""Wagtail API v2 for headless clients: read-only, live public pages and the images and documents
they use (a file uploaded for a draft is not listed before its page is published)."""

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageDownloadUrlField, ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.images.views.serve import generate_image_url

from cms.security.public_media import filter_public


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint, without pages whose expiry has passed (before the scheduler
    unpublishes them); ``?search=`` runs through the site's Vietnamese search backend."""

    def get_base_queryset(self):
        now = timezone.now()
        return super().get_base_queryset().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))

    def check_query_parameters(self, queryset):
        """A search's ``?offset=`` is capped (``API_SEARCH_MAX_OFFSET``, 500 by default: the
        search backend counts a common query up to 500): a search ranks every result before
        its offset, so a huge one would make one request as slow as thousands."""
        super().check_query_parameters(queryset)
        cap = getattr(settings, "API_SEARCH_MAX_OFFSET", 500)
        try:
            offset = int(self.request.GET.get("offset", 0))
        except ValueError:  # the paginator answers it with its own 400
            offset = 0
        if self.request.GET.get("search") and offset > cap:
            raise BadRequestError(f"offset không được lớn hơn {cap} khi tìm kiếm")


class SignedDownloadUrlField(ImageDownloadUrlField):
    """``download_url`` through Wagtail's signed image view, not ``/media/original_images/``.

    Originals are never served from the media folder (deploy/SECURITY.md: an original's name is
    the uploader's file name, guessable before its page is published). The signed URL redirects
    to the full-size rendition, under its unguessable name (``cms.storage``).
    """

    def to_representation(self, image):
        return generate_image_url(image, "original")


class PublicImageSerializer(ImageSerializer):
    download_url = SignedDownloadUrlField(read_only=True)


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    """Only the images a live public page uses; their files by signed URLs."""

    base_serializer_class = PublicImageSerializer

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
