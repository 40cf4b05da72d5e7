"""Settings, URLs and WSGI entry point of the library CMS.

The design card calls this package ``site``; that name cannot be imported
because Python's own ``site`` module shadows it, hence ``library_cms``.
"""
