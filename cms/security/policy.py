"""Content-Security-Policy: a strict one for the public site, a workable one for the admin.

django-csp (4.x) writes the header (``cms.security.headers`` picks the admin's policy under
the admin's URL prefix). Why two: the public templates run no inline script but the one of
``templates/includes/head_script.js`` (allowed by its SHA-256, so a cached page stays valid)
and those given ``request.csp_nonce``; Wagtail's own admin templates still hold inline scripts
(date pickers, inline panels: ``wagtailadmin/widgets/date_input.html``…) and style attributes,
so the admin keeps ``'unsafe-inline'``, and only for signed-in staff.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

# No Django import here: the settings module builds its policies from these functions.
HEAD_SCRIPT = Path(__file__).resolve().parent.parent.parent / "templates/includes/head_script.js"

# Where rich-text embeds (videos) may come from, in the page and the admin's preview.
EMBED_FRAMES = (
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
)


def script_hash(source: str) -> str:
    """The CSP source expression allowing one inline script: ``'sha256-…'``."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def public_directives() -> dict[str, object]:
    return {
        "default-src": [SELF],
        "script-src": [SELF, NONCE, script_hash(HEAD_SCRIPT.read_text(encoding="utf-8"))],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": list(EMBED_FRAMES),
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }


def admin_directives() -> dict[str, object]:
    return {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        # Avatars (Gravatar) and embed thumbnails come from elsewhere; previews use blob:/data:.
        "img-src": [SELF, "data:", "blob:", "https:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, *EMBED_FRAMES],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }


