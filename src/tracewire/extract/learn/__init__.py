"""The learned claim extractor: candidate pairs, their features, the model, training.

`tracewire train` rebuilds the shipped model (`data/claim-model.json.gz`) from annotated
corpora; `tracewire eval --cv K` measures it by cross-validation over documents.
"""
