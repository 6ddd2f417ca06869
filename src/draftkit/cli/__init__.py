"""The command line: arguments and prompts → library calls, with one error boundary.

``main`` parses the command and turns every ``DraftkitError`` into a message and an exit code;
``drafts`` holds the commands that make and inspect drafts; ``wizard`` asks the questions of
``draftkit new``; ``report`` prints what a new draft contains, for both of them.
"""
