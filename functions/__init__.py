"""One module per information service, each a `func.Blueprint` registered by function_app.py.

Modules starting with an underscore are the HTTP plumbing the services share.
"""
