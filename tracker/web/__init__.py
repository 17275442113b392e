"""The PWA's pages: Django templates with small JavaScript modules on top.

Every page renders on the server first and works before any script runs; the
scripts add the offline outbox, charts, the routine player's countdown and push.
Views stay thin: they read through selectors, write through services, and let
the templates under templates/tracker/ do the rest.
"""
