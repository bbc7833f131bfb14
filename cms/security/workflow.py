"""The review workflow's approval publishes, whoever approves: the approval is the permission.

Wagtail's default finish action (``wagtail.workflows.publish_workflow_state``) publishes with the
approver's own publish permission, so reviewers needed ``publish_page`` on the sections, which
also let them publish any edited page directly, without review (one POST of "action-publish").
Reviewers now hold no publish right (``cms.editorial.setup``); the workflow's last task, which
only its groups can approve, publishes on their behalf.
"""

from __future__ import annotations

from typing import Any


def publish_approved(workflow_state: Any, user: Any = None) -> None:
    """``WAGTAIL_FINISH_WORKFLOW_ACTION``: publish the approved revision as the approver."""
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
