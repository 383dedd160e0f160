"""Spreadsheet exports: the tables (rows of typed values), then CSV or XLSX files."""
