"""Records + settings -> results: the rules, the engine that runs them, the score.

``rule`` says what a rule is, ``registry`` finds and selects rules,
``settings`` holds a run's configuration, ``facts`` answers the questions
several rules ask, ``engine`` runs the rules and applies suppressions,
``scoring`` turns findings into a health score, ``findings`` holds what an
audit of one account found.
"""
