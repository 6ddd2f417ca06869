"""The command line: arguments and prompts → library calls, with one error boundary.

``main`` parses the command and turns every ``DraftkitError`` into a message and an exit code;
``drafts`` holds the commands that make and inspect drafts; ``wizard`` asks the questions of
``draftkit new`` (through ``prompts``) and ``saving`` does its last step; ``report`` prints what
a new draft contains; ``outputs`` decides where a command may write; ``console`` is the one way
to print and ``messages`` holds the wording the CLI shows.
"""
