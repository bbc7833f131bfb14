"""gunicorn entry for the Lighthouse run: the production app, plus the demo's uploaded media.

Production serves media from a web server or object store; this local run has neither, so a
second WhiteNoise layer serves MEDIA_ROOT (autorefresh: renditions appear on first view).
"""

import os

from whitenoise import WhiteNoise

from django.conf import settings

from cms.wsgi import application as site

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = WhiteNoise(site, root=settings.MEDIA_ROOT, prefix=settings.MEDIA_URL,
                         autorefresh=True)
