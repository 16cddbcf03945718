"""The machinery under every stage: where the project's files are, staging and the manifest, caches, the parallel map and its progress."""
