"""Sends documents to Vigil with the official Elasticsearch client, as a log shipper would.

Usage: python_bulk.py URL TOKEN COUNT
Every third document is an nginx access line sent to index "nginx-py"; the others are structured
documents sent to "pyshipper". Each carries a unique "doc_id". Prints one JSON line on stdout.
"""
import json
import sys

from elasticsearch import Elasticsearch, helpers


def documents(count):
    for n in range(count):
        doc_id = "d-%d" % n
        if n % 3 == 0:
            line = '192.0.2.%d - - [27/Nov/2026:10:%02d:%02d +0000] "GET /item/%d HTTP/1.1" 200 %d "-" "python"' % (
                n % 250, (n // 60) % 60, n % 60, n, n)
            yield {"_index": "nginx-py", "message": line, "doc_id": doc_id}
        else:
            yield {"_index": "pyshipper", "@timestamp": "2026-11-27T10:00:00Z", "message": "document %d" % n,
                   "doc_id": doc_id, "n": n}


def main():
    url, token, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    es = Elasticsearch([url], http_auth=("elastic", token), timeout=60)
    info = es.info()
    success, errors = helpers.bulk(es, documents(count), chunk_size=500, raise_on_error=False)
    single = es.index(index="pyshipper", id="single-1", body={"message": "one document", "doc_id": "single"})
    print(json.dumps({"version": info["version"]["number"], "success": success, "errors": errors,
                      "single": single["result"]}))


main()
