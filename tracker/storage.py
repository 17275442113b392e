from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files, with `import "./x.js"` in the pages'
    modules rewritten to the hashed name too: otherwise a module imported by
    name would load a second copy of the one the page loaded by hashed name."""

    support_js_module_import_aggregation = True
