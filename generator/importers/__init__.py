"""Converters from other maturity-framework formats into a dmf framework directory."""
