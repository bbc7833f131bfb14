"""What citizens send to the ministry: questions, comments on drafts, "was this useful?" votes.

Forms, spam guards, mail and views live here; the models are in ``home.models`` (questions,
consultations, feedback), one module each.
"""
