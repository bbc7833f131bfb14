"""E-mail to citizens, sent after the transaction commits and off the request's thread.

Why a thread and not a django-tasks task: the django-tasks shipped with Wagtail 8 (0.12) has
only the immediate and dummy backends here, and the immediate one sends inside the request —
which is what must not happen (a slow or unreachable mail server would hold the reader's page).
A thread sends through Django's mail settings (``EMAIL_BACKEND``/``EMAIL_HOST``…, console
backend in development) while the response goes out. The message is rendered before the thread
starts, so the thread never touches the database. Its limit: a mail being sent when the process
is killed is lost (threads are not daemons, so a normal shutdown waits for them); the asker
still sees the tracking code on the page, and the status page shows the answer.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)
_threads: list[threading.Thread] = []


def _send(subject: str, body: str, recipient: str) -> None:
    try:
        send_mail(subject, body, None, [recipient])
    except Exception:  # a mail failure must never surface to the citizen
        logger.exception("Could not send mail %r", subject)


def _start(subject: str, body: str, recipient: str) -> None:
    thread = threading.Thread(target=_send, args=(subject, body, recipient), name="citizen-mail")
    _threads[:] = [t for t in _threads if t.is_alive()]
    _threads.append(thread)
    thread.start()


def send_later(template: str, context: dict, recipient: str) -> None:
    """Render ``template`` (first line: subject) and send it once the transaction commits."""
    if not recipient:
        return
    rendered = render_to_string(template, {"site_name": settings.WAGTAIL_SITE_NAME, **context})
    subject, _, body = rendered.strip().partition("\n")
    subject = " ".join(subject.split())
    transaction.on_commit(lambda: _start(subject, body.strip() + "\n", recipient))


def wait(timeout: float = 10.0) -> None:
    """Wait for the mails being sent (tests, and commands that exit right after)."""
    for thread in list(_threads):
        thread.join(timeout)
