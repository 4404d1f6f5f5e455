"""The commands themselves, apart from the command-line parser: each takes
its options already parsed and does its work.  ``relcheck.cli`` declares
them to typer; ``quick`` parses a plain ``relcheck audit`` command line
without typer, so the most common run starts faster."""
