"""nkru-monitor: an event-sourced news monitor for North Korea-Russia arms transfers."""

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/nkru-monitor/nkru-monitor"
USER_AGENT = f"nkru-monitor/{__version__} (+{PROJECT_URL})"
