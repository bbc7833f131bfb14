"""Models of the home app, one module per kind of thing (see DESIGN.md)."""

from .consultations import ConsultationIndexPage, DraftComment, DraftFile, DraftPage
from .disclosures import DisclosureAttachment, DisclosureIndexPage, DisclosurePage
from .feedback import PageVote
from .leaders import FocalPoint, Leader
from .organisation import LeadersPage, OrganisationPage
from .pages import HomeFeaturedArticle, HomePage, StandardPage
from .policies import PolicyAttachment, PolicyIndexPage, PolicyPage, PolicyRelation
from .procedures import (
    ProcedureDossierItem,
    ProcedureIndexPage,
    ProcedureLegalBasis,
    ProcedureMethod,
    ProcedurePage,
    ProcedureRelation,
    classify,
    level_statistics,
    parse_level,
)
from .questions import Question, QuestionIndexPage, QuestionPage
from .settings import SiteSettings
from .taxonomy import Agency, Sector
from .units import Category, UnitSite, UnitSitesPage, unit_tree

__all__ = [
    "Agency",
    "Category",
    "ConsultationIndexPage",
    "DraftComment",
    "DraftFile",
    "DisclosureAttachment",
    "DisclosureIndexPage",
    "DisclosurePage",
    "DraftPage",
    "FocalPoint",
    "HomeFeaturedArticle",
    "HomePage",
    "Leader",
    "LeadersPage",
    "OrganisationPage",
    "PageVote",
    "PolicyAttachment",
    "PolicyIndexPage",
    "PolicyPage",
    "PolicyRelation",
    "ProcedureDossierItem",
    "ProcedureIndexPage",
    "ProcedureLegalBasis",
    "ProcedureMethod",
    "ProcedureRelation",
    "ProcedurePage",
    "Question",
    "QuestionIndexPage",
    "QuestionPage",
    "Sector",
    "SiteSettings",
    "StandardPage",
    "UnitSite",
    "UnitSitesPage",
    "classify",
    "level_statistics",
    "parse_level",
    "unit_tree",
]
