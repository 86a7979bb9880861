"""A webhook receiver for the interop tests, independent of our code: Python's http.server and hmac.

Usage: webhook_receiver.py PORT SECRET FAIL_FIRST
Answers 503 to the first FAIL_FIRST requests, then verifies each POST as docs/monitoring.md says
(HMAC-SHA256 over "<timestamp>.<body>", constant-time compare, timestamp within 300 s) and answers
204 when it verifies, 401 when not. Prints one JSON line per request to stdout.
"""
import hashlib
import hmac
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1])
SECRET = sys.argv[2].encode("utf-8")
FAIL_FIRST = int(sys.argv[3])
MAX_BODY = 1024 * 1024
state = {"requests": 0}


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        state["requests"] += 1
        length = int(self.headers.get("Content-Length", "0"))
        if length < 0 or length > MAX_BODY:
            self.send_response(413)
            self.end_headers()
            return
        body = self.rfile.read(length)
        timestamp = self.headers.get("X-Proxus-Timestamp", "")
        signature = self.headers.get("X-Proxus-Signature", "")
        expected = "v1=" + hmac.new(SECRET, timestamp.encode("ascii") + b"." + body, hashlib.sha256).hexdigest()
        fresh = timestamp.isdigit() and abs(time.time() - int(timestamp)) <= 300
        verified = fresh and hmac.compare_digest(expected, signature)
        status = 503 if state["requests"] <= FAIL_FIRST else (204 if verified else 401)
        record = {
            "request": state["requests"],
            "status": status,
            "verified": verified,
            "delivery": self.headers.get("X-Proxus-Delivery"),
            "contentType": self.headers.get("Content-Type"),
            "body": json.loads(body) if verified else None,
        }
        print(json.dumps(record), flush=True)
        self.send_response(status)
        self.end_headers()

    def log_message(self, format, *args):
        pass


print(json.dumps({"listening": PORT}), flush=True)
ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
