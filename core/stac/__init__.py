"""Sentinel-2 from a STAC catalogue: search, window reads of COG assets, composites, chips at points."""
