# Schedules, drives, deliveries and push subscriptions arrive with the reminders issue.
