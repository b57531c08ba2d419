"""The outbox of messages to young people: planning from the data, durable sending, statistics.

`RemindersService` (service.py) is the one entry point; the planner (planner.py) derives what is due
from the appointments and registrations, the outbox (outbox.py) moves each message through its states,
the sender (sender.py) hands them to the transports of `mlplanner.messaging` under a lease (lease.py).
"""
