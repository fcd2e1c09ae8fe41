#!/usr/bin/env python3
"""Static server for the GPU benchmark: Python standard library only (the GPU machine has no Java or Node).

    python3 serve.py ROOT PORT LOGFILE

Serves ROOT on 127.0.0.1:PORT with the headers Cutout needs for threaded WASM (COOP/COEP: crossOriginIsolated),
the right MIME types for .wasm/.mjs/.onnx/.webmanifest, and no caching. The bench page POSTs each result line to
/__bench/log; the server appends it to LOGFILE and prints it, so the results do not depend on Chromium's console
logging. A line starting with BENCH-DONE is the page's last one.
"""
import http.server
import socketserver
import sys

ROOT, PORT, LOG = sys.argv[1], int(sys.argv[2]), sys.argv[3]


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".onnx": "application/octet-stream",
        ".webmanifest": "application/manifest+json",
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".svg": "image/svg+xml",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=ROOT, **kwargs)

    def end_headers(self):
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def do_POST(self):
        if self.path != "/__bench/log":
            self.send_error(404)
            return
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode("utf-8", "replace")
        with open(LOG, "a", encoding="utf-8") as f:
            f.write(body.rstrip("\n") + "\n")
        print(body.rstrip("\n"), flush=True)
        self.send_response(204)
        self.end_headers()

    def log_message(self, fmt, *args):  # quiet: only the results go to stdout
        pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


if __name__ == "__main__":
    with Server(("127.0.0.1", PORT), Handler) as httpd:
        httpd.serve_forever()
