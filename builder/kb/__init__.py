"""The knowledge base as files: records in content/ (YAML), hand curation, kb.json, the review page's checks."""
