"""Static site generator for the portal of Vietnamese directives on foreign affairs work."""
