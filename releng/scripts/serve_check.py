#!/usr/bin/env python3
"""Load, fault and page checks of a running `dhad serve`, on loopback only (stdlib).

  serve_check.py load URL MODEL SECONDS CLIENTS IMAGE...   clients post real images for a bounded time; prints
                                                          throughput, latency p50/p95/p99 and statuses (JSON last)
  serve_check.py faults URL MODEL IMAGE                   bad bodies of every kind get their status; still answers
  serve_check.py page URL IMAGE SCREENSHOT                headless Chromium chooses IMAGE on the page at URL
Each check prints 'ok ...' or 'FAIL ...'; the exit code is the number of failures.
"""
import base64
import http.client
import json
import os
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import zipfile
import zlib
import io

failures = 0


def check(ok, what):
    global failures
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures += 1


def post(url, path, body, content_type="image/png", headers=None, timeout=120):
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    try:
        h = {"Content-Type": content_type} if content_type else {}
        h.update(headers or {})
        conn.request("POST", path, body=body, headers=h)
        r = conn.getresponse()
        return r.status, dict(r.getheaders()), r.read()
    finally:
        conn.close()


def get(url, path):
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def percentile(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100.0 * (len(s) - 1))))]


def load(url, model, seconds, clients, images):
    bodies = [open(i, "rb").read() for i in images]
    path = "/v1/inspect?model=" + urllib.parse.quote(model)
    lock = threading.Lock()
    latencies, statuses, verdicts = [], {}, {}
    deadline = time.monotonic() + seconds

    def client(k):
        n = k
        while time.monotonic() < deadline:
            body = bodies[n % len(bodies)]
            n += clients
            began = time.monotonic()
            try:
                status, headers, answer = post(url, path, body)
            except Exception as e:  # a refused or broken connection is an error, never a pass
                status, headers, answer = "exception " + type(e).__name__, {}, b""
            took = time.monotonic() - began
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                if status == 200:
                    latencies.append(took)
                    v = json.loads(answer)["prediction"]["verdict"]
                    verdicts[v] = verdicts.get(v, 0) + 1
            if status == 503:
                time.sleep(float(headers.get("Retry-After", "1")))

    began = time.monotonic()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - began
    ok = statuses.get(200, 0)
    summary = {"clients": clients, "seconds": round(wall, 1), "decided": ok,
               "throughput_per_s": round(ok / wall, 2),
               "latency_ms": {q: round(1000 * percentile(latencies, p), 1) for q, p in
                              (("p50", 50), ("p95", 95), ("p99", 99))},
               "statuses": {str(k): v for k, v in statuses.items()}, "verdicts": verdicts}
    print("load: %d clients for %.1f s: %d images decided, %.2f images/s, latency p50 %.0f ms, p95 %.0f ms, "
          "p99 %.0f ms; statuses %s" % (clients, wall, ok, ok / wall, summary["latency_ms"]["p50"],
                                        summary["latency_ms"]["p95"], summary["latency_ms"]["p99"],
                                        summary["statuses"]))
    errors = {k: v for k, v in statuses.items() if k not in (200, 503)}
    check(ok > 0 and not errors, "load: every answer a 200 or a full queue's 503 (errors: %s)" % (errors or "none"))
    print("LOAD " + json.dumps(summary))


def png_declaring(png, width, height):
    b = bytearray(png)
    struct.pack_into(">II", b, 16, width, height)
    struct.pack_into(">I", b, 29, zlib.crc32(bytes(b[12:29])) & 0xffffffff)
    return bytes(b)


def raw(url, request):
    u = urllib.parse.urlsplit(url)
    with socket.create_connection((u.hostname, u.port), timeout=30) as s:
        s.sendall(request)
        data = b""
        while b"\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        return data.split(b"\r\n", 1)[0].decode("ascii", "replace")


def chunked(url, path, size):
    """A body of `size` bytes sent in chunks, with no Content-Length: the limit must hold while reading."""
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    try:
        conn.putrequest("POST", path)
        conn.putheader("Content-Type", "image/png")
        conn.putheader("Transfer-Encoding", "chunked")
        conn.endheaders()
        block = b"\x89PNG" + b"\0" * (1024 * 1024 - 4)
        try:
            for _ in range(size // len(block) + 1):
                conn.send(b"%x\r\n%s\r\n" % (len(block), block))
            conn.send(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the service may answer and close before the rest is sent
        return conn.getresponse().status
    finally:
        conn.close()


def faults(url, model, image):
    png = open(image, "rb").read()
    path = "/v1/inspect?model=" + urllib.parse.quote(model)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("part.png", png)
    cases = [
        ("an empty body", 400, lambda: post(url, path, b"")),
        ("a truncated PNG", 400, lambda: post(url, path, png[:len(png) // 2])),
        ("a PNG header declaring 100000x100000 pixels", 413, lambda: post(url, path, png_declaring(png, 100000, 100000))),
        ("a wrong content type (text/plain)", 415, lambda: post(url, path, png, "text/plain")),
        ("a zip sent as application/zip", 415, lambda: post(url, path, archive.getvalue(), "application/zip")),
        ("a zip sent as application/octet-stream", 400, lambda: post(url, path, archive.getvalue(), "application/octet-stream")),
        ("random bytes", 400, lambda: post(url, path, os.urandom(4096), "application/octet-stream")),
        ("an unknown model", 404, lambda: post(url, "/v1/inspect?model=no-such-model", png)),
        ("a model name with a path in it", 404, lambda: post(url, "/v1/inspect?model=..%2F..%2Fetc%2Fpasswd", png)),
    ]
    for what, expected, send in cases:
        status, headers, body = send()
        try:
            reason = json.loads(body).get("error", "")
        except ValueError:
            reason = body[:80]
        check(status == expected and reason, "%s: %s (%s)" % (what, status, reason))
    status = raw(url, b"POST " + path.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\n"
                 b"Content-Length: 10737418240\r\n\r\n")
    check(" 413" in status, "a declared Content-Length of 10 GB: " + status)
    check(chunked(url, path, 21 * 1024 * 1024) == 413, "a 21 MB chunked body without Content-Length: 413")
    status = raw(url, b"GARBAGE\r\n\r\n")
    check(" 400" in status, "a broken request line: " + status)
    for p in ("/../../etc/passwd", "/v1/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd"):
        status = raw(url, b"GET " + p.encode() + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        check(" 200" not in status, "GET %s is not answered with a file: %s" % (p, status))
    # More concurrent requests than the queue admits: some are turned away with 503 and Retry-After
    results = []
    def one():
        results.append(post(url, path, png))
    threads = [threading.Thread(target=one) for _ in range(48)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    full = [r for r in results if r[0] == 503]
    check(full and all(r[1].get("Retry-After") for r in full) and all(r[0] in (200, 503) for r in results),
          "48 requests at once: %d decided, %d answered 503 with Retry-After" %
          (sum(1 for r in results if r[0] == 200), len(full)))
    status, body = get(url, "/health")
    check(status == 200 and json.loads(body)["status"] == "ok", "/health answers afterwards: " + body.decode())
    status, headers, body = post(url, path + "&name=" + urllib.parse.quote(os.path.basename(image)), png)
    check(status == 200, "an image is still decided afterwards: %s" % status)
    print("answer: " + body.decode())


def page(url, image, screenshot):
    """Headless Chromium over its DevTools pipe: open the page, choose IMAGE in its file input, wait for the
    verdict and the overlay, take a screenshot."""
    chromium = next((c for c in ("chromium", "chromium-browser") if subprocess.call(
        ["sh", "-c", "command -v " + c], stdout=subprocess.DEVNULL) == 0), None)
    if chromium is None:
        print("page check skipped: no chromium on the PATH (apt-get install chromium)")
        return
    profile = tempfile.mkdtemp(prefix="dhad-chromium-")
    to_browser_r, to_browser_w = os.pipe()
    from_browser_r, from_browser_w = os.pipe()
    # chromium reads DevTools messages from fd 3 and writes to fd 4; the shell puts the pipes there
    browser = subprocess.Popen(
        ["sh", "-c", 'exec "$0" "$@" 3<&%d 4>&%d' % (to_browser_r, from_browser_w), chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--remote-debugging-pipe", "--user-data-dir=" + profile, "--window-size=1100,900", "about:blank"],
        pass_fds=(to_browser_r, from_browser_w), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(to_browser_r)
    os.close(from_browser_w)
    out = os.fdopen(to_browser_w, "wb")
    inp = os.fdopen(from_browser_r, "rb")
    buffer = b""
    ids = [0]

    def call(method, params=None, session=None, timeout=30):
        nonlocal buffer
        ids[0] += 1
        message = {"id": ids[0], "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        out.write(json.dumps(message).encode() + b"\0")
        out.flush()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            while b"\0" in buffer:
                raw_message, buffer = buffer.split(b"\0", 1)
                answer = json.loads(raw_message)
                if answer.get("id") == ids[0]:
                    if "error" in answer:
                        raise RuntimeError(method + ": " + json.dumps(answer["error"]))
                    return answer["result"]
            chunk = os.read(inp.fileno(), 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed its pipe")
            buffer += chunk
        raise RuntimeError(method + ": no answer in %d s" % timeout)

    def evaluate(session, expression):
        return call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)["result"].get("value")

    def wait(session, expression, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            value = evaluate(session, expression)
            if value:
                return value
            time.sleep(0.2)
        return None

    try:
        target = call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        call("Page.enable", session=session)
        call("Page.navigate", {"url": url}, session)
        models = wait(session, "document.getElementById('model') && document.getElementById('model').options.length", 20)
        check(bool(models), "page: the model list is filled from /v1/models (%s model(s))" % models)
        root = call("DOM.getDocument", session=session)["root"]["nodeId"]
        node = call("DOM.querySelector", {"nodeId": root, "selector": "#file"}, session)["nodeId"]
        call("DOM.setFileInputFiles", {"files": [os.path.abspath(image)], "nodeId": node}, session)
        state = wait(session, "['good','defective','scored','error'].includes(document.getElementById('verdict')"
                              ".dataset.state) && document.getElementById('verdict').dataset.state", 60)
        text = evaluate(session, "document.getElementById('verdict').textContent + ' | ' + "
                                 "document.getElementById('details').innerText.replace(/\\s+/g, ' ')")
        check(state in ("good", "defective"), "page: a chosen image gets a verdict: %s" % text)
        width = wait(session, "!document.getElementById('overlay').hidden && "
                              "document.getElementById('overlay').naturalWidth", 10)
        check(bool(width), "page: the overlay is shown (%s px wide)" % width)
        shot = call("Page.captureScreenshot", {"format": "png"}, session)["data"]
        with open(screenshot, "wb") as f:
            f.write(base64.b64decode(shot))
        print("page: screenshot in " + screenshot)
    except Exception as e:
        check(False, "page: " + str(e))
    finally:
        try:
            call("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            browser.wait(10)
        except subprocess.TimeoutExpired:
            browser.kill()
        subprocess.call(["rm", "-rf", profile])


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "load":
        load(sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5]), sys.argv[6:])
    elif command == "faults":
        faults(sys.argv[2], sys.argv[3], sys.argv[4])
    elif command == "page":
        page(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
    sys.exit(failures)
