"""The pipeline review (SPEC 7): what changed since a baseline, the
portfolio by owner, the order of the overview, this week's call plan."""
