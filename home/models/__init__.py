"""Models of the home app, one module per kind of thing (see DESIGN.md)."""

from .consultations import ConsultationIndexPage, DraftComment, DraftFile, DraftPage
from .feedback import PageVote
from .pages import HomeFeaturedArticle, HomePage, StandardPage
from .policies import PolicyAttachment, PolicyIndexPage, PolicyPage, PolicyRelation
from .procedures import (
    ProcedureDossierItem,
    ProcedureIndexPage,
    ProcedureLegalBasis,
    ProcedureMethod,
    ProcedurePage,
    classify,
    level_statistics,
    parse_level,
)
from .questions import Question, QuestionIndexPage, QuestionPage
from .settings import SiteSettings
from .taxonomy import Agency, Sector
from .units import UnitSite, UnitSitesPage

__all__ = [
    "Agency",
    "ConsultationIndexPage",
    "DraftComment",
    "DraftFile",
    "DraftPage",
    "HomeFeaturedArticle",
    "HomePage",
    "PageVote",
    "PolicyAttachment",
    "PolicyIndexPage",
    "PolicyPage",
    "PolicyRelation",
    "ProcedureDossierItem",
    "ProcedureIndexPage",
    "ProcedureLegalBasis",
    "ProcedureMethod",
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
]
