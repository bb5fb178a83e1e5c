"""The package every IB-Next function uses: rules, models, validation, storage, security.

Nothing in here knows of HTTP or of Functions triggers.
"""
