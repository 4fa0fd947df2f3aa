"""The read layer: one module per resource, used by the CLI, the API, exports and the web.

`entities` (entities, mentions, counts), `claims` (claim views), `clusters` (cluster
representatives, members, names and counts), `claim_pages` (filtered claim lists and
documents), `parties` (the claims around one cluster), `claims_table`, `search`, `documents`,
`technology` (the workspace's table, full-text search, sources and technology classes).
Writes go through `store.writer.Writer`.
"""
