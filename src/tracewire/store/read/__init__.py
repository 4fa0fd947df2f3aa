"""The read layer: one module per resource, used by the CLI, the API, exports and the web.

`entities` (entities, mentions, counts), `claims` (claim views), `clusters` (cluster
representatives, members, names and counts), `claim_pages` (filtered claim lists and
documents), `parties` (the claims around one cluster). Writes go through
`store.writer.Writer`.
"""
