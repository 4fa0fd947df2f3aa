"""Read-side queries of the store, one module per resource."""
