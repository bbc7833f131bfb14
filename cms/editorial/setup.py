"""Groups, collections, the review workflow and per-section permissions, set up idempotently.

Every function takes an app registry so that the same code runs in the data migration (historical
models, no model methods) and at run time (``django.apps.apps``): the sections (``/tin-tuc/``…)
usually appear only after migrations, when ``load_demo`` or the importer creates them, and then
``ensure_section`` gives them their team, their reviewers and the workflow.

The sections and the apps whose models the administrators manage are the content apps' to say:
each registers its own (``register_section``, ``register_admin_apps``) from its ``ready()``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import F

# --- Names: the newsroom's words, also used by the tests and the browser check -------------------

GROUP_REVIEWERS = "Người duyệt"
GROUP_ADMINS = "Quản trị cổng"

WORKFLOW_NAME = "Biên tập → Duyệt → Xuất bản"
TASK_NAME = "Duyệt nội dung"
# Who may approve or send back: the reviewers, and the portal's administrators as a fallback.
APPROVER_GROUPS = (GROUP_REVIEWERS, GROUP_ADMINS)

# Page permission codenames (wagtailcore.Page content type).
EDITOR_PAGE_PERMS = ("add_page", "change_page")
# Reviewers approve or send back through the workflow (its approval publishes); they hold no
# publish right of their own, so no reviewer can publish an edited page without review.
REVIEWER_PAGE_PERMS = ("change_page", "lock_page", "unlock_page")
REVIEWER_REVOKED_PAGE_PERMS = ("publish_page",)  # granted by earlier versions: taken back
# wagtail.contrib.simple_translation's right to use "Dịch" (copy a page into the English tree):
# every team and the portal administrators; reviewers only review.
TRANSLATE_PERMISSION = ("simple_translation", "simpletranslation", "submit_translation")
# Groups whose members must sign in with a second factor (cms.security.second_factor).
SECOND_FACTOR_GROUPS = (GROUP_REVIEWERS, GROUP_ADMINS)
ADMIN_PAGE_PERMS = (
    "add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page",
)
TEAM_COLLECTION_PERMS = ("add", "change", "choose", "delete")
ADMIN_COLLECTION_PERMS = ("add", "change", "choose", "delete")

# Wagtail's apps whose models (redirects, promotions, form submissions) the portal administrators
# manage; the content apps add theirs (``register_admin_apps``).
_ADMIN_MODEL_APPS = ["wagtailredirects", "wagtailsearchpromotions", "wagtailforms"]
# ...and what they may see beside them: the history of imports on their dashboard.
ADMIN_EXTRA_PERMS = (("cms", "view_importrun"),)


@dataclass(frozen=True)
class Section:
    """A part of the site run by one team: its index page type, group and media collection."""

    app_label: str
    model: str  # lower-case model name, as in ContentType
    group: str
    collection: str
    # Snippet/model permissions the team needs beside its pages (app_label, model), if present.
    models: tuple[tuple[str, str], ...] = ()
    # Place among the sections: the order their groups and collections are created in.
    order: int = 0

    @property
    def label(self) -> str:
        return f"{self.app_label}.{self.model}"


_SECTIONS: dict[str, Section] = {}


def register_section(section: Section) -> None:
    """A content app declares one of its sections (from its ``AppConfig.ready``)."""
    _SECTIONS[section.label] = section


def register_admin_apps(*app_labels: str) -> None:
    """A content app declares that the portal administrators manage its models."""
    _ADMIN_MODEL_APPS.extend(label for label in app_labels if label not in _ADMIN_MODEL_APPS)


def sections() -> list[Section]:
    """The registered sections, in their order."""
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.label))


def section_for(label: str) -> Section | None:
    """The section whose index page has this model label (``app_label.modelname``), if any."""
    return _SECTIONS.get(label)


def admin_model_apps() -> tuple[str, ...]:
    """Apps whose models (snippets, settings, redirects, promotions) the administrators manage."""
    return tuple(_ADMIN_MODEL_APPS)


def all_groups() -> tuple[str, ...]:
    """The sections' groups, then the reviewers and the administrators."""
    teams = dict.fromkeys(section.group for section in sections())
    return (*teams, GROUP_REVIEWERS, GROUP_ADMINS)

# Wagtail's own starter groups and workflow: English names, powers over the whole tree. They are
# replaced by ours on a fresh install (only when nobody uses them).
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's path alphabet
_STEPLEN = 4


def _content_type(apps: Any, app_label: str, model: str) -> Any:
    ContentType = apps.get_model("contenttypes", "ContentType")
    ct, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return ct


def _permission(apps: Any, app_label: str, model: str, codename: str, name: str) -> Any:
    Permission = apps.get_model("auth", "Permission")
    perm, _ = Permission.objects.get_or_create(
        content_type=_content_type(apps, app_label, model),
        codename=codename,
        defaults={"name": name},
    )
    return perm


def _page_permission(apps: Any, codename: str) -> Any:
    return _permission(apps, "wagtailcore", "page", codename, codename.replace("_", " "))


def _collection_permission(apps: Any, action: str, kind: str) -> Any:
    app_label = "wagtailimages" if kind == "image" else "wagtaildocs"
    return _permission(apps, app_label, kind, f"{action}_{kind}", f"Can {action} {kind}")


def _next_path(last_path: str | None, parent_path: str) -> str:
    if last_path is None:
        return parent_path + "1".zfill(_STEPLEN)
    step = last_path[-_STEPLEN:]
    number = int(step, 36) + 1
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = _ALPHABET[rest] + digits
    return parent_path + digits.zfill(_STEPLEN)


def ensure_collection(apps: Any, name: str) -> Any:
    """A child of the root collection with this name (created with a treebeard path by hand,
    since historical models have no ``add_child``)."""
    Collection = apps.get_model("wagtailcore", "Collection")
    root = root_collection(apps)
    children = Collection.objects.filter(depth=2, path__startswith=root.path)
    existing = children.filter(name=name).first()
    if existing:
        return existing
    last = children.order_by("-path").values_list("path", flat=True).first()
    collection = Collection.objects.create(
        name=name, path=_next_path(last, root.path), depth=2, numchild=0
    )
    Collection.objects.filter(pk=root.pk).update(numchild=F("numchild") + 1)
    return collection


def root_collection(apps: Any) -> Any:
    """The root collection, made again where a database flush (transactional tests) took it."""
    Collection = apps.get_model("wagtailcore", "Collection")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        root = Collection.objects.create(name="Root", path="0001", depth=1, numchild=0)
    return root


def grant_collection(apps: Any, group: Any, collection: Any, actions: tuple[str, ...]) -> None:
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for kind in ("image", "document"):
        for action in actions:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=_collection_permission(apps, action, kind),
            )


def grant_page(apps: Any, group: Any, page_id: int, codenames: tuple[str, ...]) -> None:
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=page_id, permission=_page_permission(apps, codename)
        )


def grant_models(apps: Any, group: Any, models: tuple[tuple[str, str], ...]) -> None:
    """Add/change/view permissions on the team's snippets (lists shared between teams are not
    theirs to delete), for models whose permissions already exist."""
    Permission = apps.get_model("auth", "Permission")
    for app_label, model in models:
        perms = Permission.objects.filter(
            content_type__app_label=app_label,
            content_type__model=model,
            codename__in=[f"{action}_{model}" for action in ("add", "change", "view")],
        )
        group.permissions.add(*perms)


def ensure_groups(apps: Any) -> dict[str, Any]:
    """The groups (one per section's team, reviewers, administrators), each allowed into the
    admin, with their collections."""
    Group = apps.get_model("auth", "Group")
    access_admin = _permission(
        apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"
    )
    groups = {}
    for name in all_groups():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        groups[name] = group
    require_2fa = _permission(
        apps, "wagtailadmin", "admin", "require_2fa", "Bắt buộc xác thực hai bước"
    )
    for name in SECOND_FACTOR_GROUPS:
        groups[name].permissions.add(require_2fa)
    translate = _permission(apps, *TRANSLATE_PERMISSION, "Can submit translations")
    for name in (*(section.group for section in sections()), GROUP_ADMINS):
        groups[name].permissions.add(translate)

    root = root_collection(apps)
    for section in sections():
        collection = ensure_collection(apps, section.collection)
        grant_collection(apps, groups[section.group], collection, TEAM_COLLECTION_PERMS)
        # Everyone may pick shared media (the root and every collection below it).
        grant_collection(apps, groups[section.group], root, ("choose",))
    grant_collection(apps, groups[GROUP_REVIEWERS], root, ("choose",))
    grant_collection(apps, groups[GROUP_ADMINS], root, ADMIN_COLLECTION_PERMS)

    # Portal administrators run the whole tree (no workflow outside the three sections).
    Page = apps.get_model("wagtailcore", "Page")
    tree_root = Page.objects.filter(depth=1).order_by("path").first()
    if tree_root is not None:
        grant_page(apps, groups[GROUP_ADMINS], tree_root.pk, ADMIN_PAGE_PERMS)
    return groups


def ensure_workflow(apps: Any) -> Any:
    """The workflow "Biên tập → Duyệt → Xuất bản": one group approval task, "Duyệt nội dung"."""
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME,
            active=True,
            content_type=_content_type(apps, "wagtailcore", "groupapprovaltask"),
        )
    task.groups.add(*Group.objects.filter(name__in=APPROVER_GROUPS))

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task_id=task.pk, defaults={"sort_order": 0}
    )
    return workflow


def ensure_section(apps: Any, page_id: int, section: Section) -> None:
    """Give one section page its team, its reviewers and the workflow. Idempotent; a workflow
    that an administrator assigned by hand is left as it is."""
    groups = ensure_groups(apps)
    workflow = ensure_workflow(apps)
    grant_page(apps, groups[section.group], page_id, EDITOR_PAGE_PERMS)
    grant_page(apps, groups[GROUP_REVIEWERS], page_id, REVIEWER_PAGE_PERMS)
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupPagePermission.objects.filter(
        group=groups[GROUP_REVIEWERS], permission__codename__in=REVIEWER_REVOKED_PAGE_PERMS
    ).delete()
    grant_models(apps, groups[section.group], section.models)
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowPage.objects.get_or_create(page_id=page_id, defaults={"workflow": workflow})


def section_page_ids(apps: Any, section: Section) -> list[int]:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    ct = ContentType.objects.filter(app_label=section.app_label, model=section.model).first()
    if ct is None:
        return []
    return list(Page.objects.filter(content_type=ct).values_list("pk", flat=True))


def ensure_admin_models(apps: Any) -> None:
    """Portal administrators manage every model of our apps and Wagtail's redirects/promotions."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP_ADMINS).first()
    if group is None:
        return
    perms = Permission.objects.filter(content_type__app_label__in=admin_model_apps())
    workflow_perms = Permission.objects.filter(
        content_type__app_label="wagtailcore",
        content_type__model__in=("workflow", "task"),
    )
    extra = Permission.objects.none()
    for app_label, codename in ADMIN_EXTRA_PERMS:
        extra |= Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    group.permissions.add(*perms, *workflow_perms, *extra)


def setup_editorial(apps: Any) -> None:
    """Everything above, for every section page that exists now."""
    ensure_groups(apps)
    ensure_workflow(apps)
    for section in sections():
        for page_id in section_page_ids(apps, section):
            ensure_section(apps, page_id, section)
    ensure_admin_models(apps)


def remove_wagtail_defaults(apps: Any) -> None:
    """Drop Wagtail's starter groups and root workflow when nothing uses them yet: they grant
    the whole tree, bypass the sections and would show English names in the admin."""
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    Task = apps.get_model("wagtailcore", "Task")
    TaskState = apps.get_model("wagtailcore", "TaskState")

    workflow = Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).first()
    if workflow and not WorkflowState.objects.filter(workflow=workflow).exists():
        task_ids = list(workflow.workflow_tasks.values_list("task_id", flat=True))
        workflow.delete()
        for task in Task.objects.filter(pk__in=task_ids, name=WAGTAIL_DEFAULT_WORKFLOW):
            if not TaskState.objects.filter(task=task).exists():
                task.delete()
    for name in WAGTAIL_DEFAULT_GROUPS:
        group = Group.objects.filter(name=name).first()
        if group and not group.user_set.exists():
            group.delete()
