"""Collect: read ads from files (and later saved pages, WARC archives, a crawler) into the store."""
