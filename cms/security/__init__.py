"""Security of the portal: who may sign in and how, what the public may fetch, which headers.

An app of its own (``cms.security``) so that its signal receivers and Wagtail hooks load with it.
"""
