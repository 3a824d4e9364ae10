#!/usr/bin/env python3
"""Per-message latency of whole SMTP sessions (connect, EHLO, MAIL, RCPT, DATA, QUIT), one at a time.

Usage: smtp-latency.py HOST:PORT COUNT SIZE
Prints "median_ms p99_ms" for COUNT sequential sessions of one SIZE-byte message each.
"""
import smtplib
import statistics
import sys
import time

host, port = sys.argv[1].rsplit(":", 1)
count, size = int(sys.argv[2]), int(sys.argv[3])
body = "From: sender@example.net\r\nTo: user@example.com\r\nSubject: latency\r\n\r\n"
line = "La de da de da 1234567890 abcdefghijklmnopqrstuvwxyz\r\n"
body += line * max(1, (size - len(body)) // len(line))
times = []
for i in range(count):
    start = time.perf_counter()
    with smtplib.SMTP(host, int(port), local_hostname="bench.example.net") as s:
        s.sendmail("sender@example.net", ["user@example.com"], body)
    times.append((time.perf_counter() - start) * 1000)
times.sort()
print("%.3f %.3f" % (statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]))
