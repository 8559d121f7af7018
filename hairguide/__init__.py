"""Framework-free core of the hair-loss guide: data, markup, rendering and checks.

Nothing in this package imports MkDocs; the hooks in hooks/ are the thin glue.
"""
