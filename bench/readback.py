#!/usr/bin/env python3
"""Counts the acknowledged writes of a soak (lines `goal <id>` / `checkin <id>`) that are not
in the database. Usage: readback.py sqlite|postgres DATABASE_URL ACKS_FILE"""
import subprocess
import sys

backend, url, acks = sys.argv[1:4]
wanted = {"goal": set(), "checkin": set()}
for line in open(acks):
    parts = line.split()
    if len(parts) == 2 and parts[0] in wanted:
        wanted[parts[0]].add(parts[1])
tables = {"goal": "creator_goals", "checkin": "wellness_checkins"}
missing = 0
for kind, ids in wanted.items():
    if not ids:
        continue
    if backend == "postgres":
        database = url.rsplit("/", 1)[1].split("?")[0]
        sql = f"SELECT id FROM {tables[kind]}"
        out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-Atc", sql],
                             capture_output=True, text=True, check=True).stdout
        stored = set(out.split())
    else:
        path = url.removeprefix("sqlite://").split("?")[0]
        sql = f"SELECT lower(hex(id)) FROM {tables[kind]}"
        out = subprocess.run(["sqlite3", path, sql], capture_output=True, text=True, check=True).stdout
        stored = {f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}" for h in out.split()}
    missing += len(ids - stored)
print(missing)
