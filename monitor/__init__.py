"""nkru-monitor: an event-sourced news monitor for North Korea-Russia arms transfers."""

#: One minor version per working session (see CHANGELOG.md, whose newest heading a test holds to it).
__version__ = "0.19.0"
PROJECT_URL = "https://github.com/nkru-monitor/nkru-monitor"
USER_AGENT = f"nkru-monitor/{__version__} (+{PROJECT_URL})"
