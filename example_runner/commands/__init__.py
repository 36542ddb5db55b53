"""Developer commands on top of the runner: python -m example_runner <command> --help."""
