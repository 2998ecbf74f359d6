"""The audit: where a report contradicts itself, and where it contradicts last year's."""

from .rules import arithmetic_checks, check_report, narrative_checks

__all__ = ["arithmetic_checks", "check_report", "narrative_checks"]
