"""Sub-commands of `portal`."""
