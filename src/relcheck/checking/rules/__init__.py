"""The rule catalogue: every module here named ``relNNN_<slug>.py`` defines
``RULE`` (see :mod:`relcheck.checking.registry`).  Adding a rule is adding a
module."""
