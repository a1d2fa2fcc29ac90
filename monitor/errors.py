"""The project's exception hierarchy (fetch errors are added by the fetching module)."""


class MonitorError(Exception):
    """Base class of every error nkru-monitor raises on purpose."""
