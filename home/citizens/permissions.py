"""Rows that only the public forms create: the admin may read, edit and delete, never add.

A question or a comment added in the admin would have no asker's consent and no contact the
admin form can enter (those fields are read-only there), so "add" is refused for everyone.
"""

from __future__ import annotations

from wagtail.permission_policies import ModelPermissionPolicy


class NoAddPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action: str) -> bool:
        return action != "add" and super().user_has_permission(user, action)
