"""Everything that knows the rendering engine lives in this folder; the rest of build_scripts
hands it a folder of Markdown and gets HTML back.

The engine is chosen by a setting, PORTAL_ENGINE (settings.py): `mkdocs` (the default) or
`properdocs`, the maintained fork of MkDocs 1.6. ProperDocs runs MkDocs plugins and themes by
redirecting every `mkdocs.*` import to its own modules; that redirection is installed here,
before any module of this folder imports `mkdocs`, so the same plugin serves both engines.
"""

from __future__ import annotations

from ..settings import engine_name

if engine_name() == "properdocs":
    try:
        import properdocs.replacement  # noqa: F401  (mkdocs.* imports now load properdocs.*)
    except ImportError:
        raise SystemExit(
            "PORTAL_ENGINE=properdocs: chưa cài ProperDocs [not installed: "
            "pip install properdocs, or the test extra]"
        ) from None

from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from ..problems import BuildError

#: A build that failed for a reason the editor can act on: each carries its message.
BUILD_ERRORS = (Abort, ConfigurationError, PluginError, BuildError)

#: The logger the engine writes its warnings to (relayed from each language's process).
LOGGER = "mkdocs"


def load_yaml(handle):
    """A configuration file read as the engine reads it (its `!ENV` tags resolved)."""
    from mkdocs.utils import yaml_load

    return yaml_load(handle)
