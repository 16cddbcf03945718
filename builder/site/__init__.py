"""The website made from the records: pages, the graph, the search index, feeds and sitemaps, labels."""
