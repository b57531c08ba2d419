"""The site's day view (columns = counsellors or rooms) and the week view of one counsellor or room.

`grid` turns frozen service views into a plain grid (no Qt), `data` loads it through the services,
`model` adapts it to Qt, `delegate` paints it, `view` and `week` are the pages.
"""
