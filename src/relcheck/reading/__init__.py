"""Bytes -> account records, or errors at ``path:line:col``.

The stages, in the order a file passes them:

``sources``     paths, directories and stdin -> inputs to read
``guards``      byte-level checks over the whole input (NUL, UTF-8, control
                characters, line separators, long lines), lines counted as
                the YAML reader counts them
``split``       cut a large input into slices of whole accounts or documents
``events``      YAML -> plain data (libyaml's event stream; safe, positions)
``fast``        plain data -> records, refusing anything it is unsure of
``careful``     plain data with positions -> records via the pydantic models,
                or located errors
``references``  checks across an account's fields (``with:`` names, ...)
``accounts``    the shape of a document (which mappings are accounts)
``load``        one input or slice through the stages above
"""
