"""The portal's record types of the JSON Lines format (DESIGN.md), beside their models:
``legal_document`` (``policies``), ``procedure`` (``procedures``), ``disclosure``
(``disclosures``), ``unit`` and ``banner`` (``sites``). Each declares its fields, its writer
and its export, and is registered with the import pipeline (``cms.importer.registry``) from
``HomeConfig.ready()``.

The published format keeps some names of its own; this is the one table of them
(format → model). Every other field has its model's name (``effective_until``, the document's
end date of effect: optional whatever its status, never before its start).

=================  ==========================  ===============================================
record / field     model / field               note
=================  ==========================  ===============================================
``legal_document`` ``PolicyPage``              a legal or policy document (văn bản)
  ``doc_type``     ``doc_type`` (``DocType``)  the label or the value (``Nghị quyết``)
  ``issued``       ``issued_on``
  ``effective``    ``effective_from``
  ``status``       ``status`` (``LegalStatus``) label, value or legacy word (``LEGACY_STATUS``:
                                               ``Hết hiệu lực`` → toàn bộ); default in force
  ``relations``    ``relations``               ``[{kind, target}]``: ``RelationKind`` by label or
                   (``PolicyRelation``)        value; target a number or a legacy id, on the site
                                               or anywhere in the file
  ``field``        ``sector`` (``Sector``)     by name, created if missing
  ``issuer``       ``issuer`` (``Agency``)     by name, created if missing
  ``attachment``   ``attachments``             one file → one ``PolicyAttachment``
``procedure``      ``ProcedurePage``
  ``name``         ``title``
  ``field``        ``sector`` (``Sector``)
  ``level``        ``level`` (``Level``)       Nghị định 42's words (folded) or 1–4, mapped:
                                               4 toàn trình, 3 một phần, 2/1 cung cấp thông tin
  ``agency``       ``implementing_agencies``   one name → one ``Agency``
  ``competent_agency``, ``authorised_agency``, ``coordinating_agency``
                   ``competent_agencies``…     a name or a list → ``Agency`` rows
  ``keywords``     ``keywords``                a list or ``a, b`` → stored ``a, b``
  ``related_procedures``  ``related_procedures``  codes or legacy ids → ``ProcedureRelation``
  ``applicant``    ``applicants``
  ``processing_time``, ``fee``  ``methods``    one ``ProcedureMethod``, channel in person
  ``documents``    ``dossier_items``           one ``ProcedureDossierItem`` per name
  ``legal_basis``  ``legal_bases``             one per line, linked to a cited document
``disclosure``     ``DisclosurePage``          keyed by ``legacy_id``, else ``slug`` (title's)
  ``category``     ``category``                the label or the value (``Báo cáo tài chính``)
  ``issued``       ``issued_on``
  ``attachment``   ``attachments``             one file → one ``DisclosureAttachment``
``unit``           ``UnitSite``                ``kind``: ``UnitKind`` values
``banner``         ``SiteSettings.sidebar_banners``  a ``banner`` block, keyed by ``url``
=================  ==========================  ===============================================
"""

from __future__ import annotations

__all__ = ["register"]


def register() -> None:
    """Called from ``HomeConfig.ready()``: this app's record types, sections and structure."""
    from cms.importer import registry

    from .. import structure
    from . import disclosures, policies, procedures, sites

    structure.register()
    for record_type in (
        policies.LEGAL_DOCUMENT, procedures.PROCEDURE, disclosures.DISCLOSURE, sites.UNIT,
        sites.BANNER,
    ):
        registry.register(record_type)
