"""The domain of Complaint Desk: tables, rules and queries. No Qt here.

The database is bound at start-up with :func:`models.db.open_database`; every
table in this package reaches it through the one :data:`models.db.database`
proxy.
"""
