"""The account file, format version 1: what a file may say and what it means.

``records`` holds the account as plain dataclasses and enums (what the rules
read), ``schema`` the same format as pydantic models (validation messages
and the JSON Schema), ``fielddocs`` the docstring under each field, and
``starter`` the commented file ``relcheck init`` writes.
"""
