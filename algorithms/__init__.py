"""Processing algorithms: thin adapters over ``core`` (one implementation per capability).

(Not named ``processing``: that would shadow QGIS's own module.)
"""
