#!/usr/bin/env python3
"""Prints the query plan of every distinct SQL statement in a server log written with
LOG_SQL=true RUST_LOG=sqlx::query=debug, flagging full scans of the creator tables.

    bench/explain.py sqlite  LOG DATABASE_FILE
    bench/explain.py postgres LOG DATABASE_NAME
"""
import re
import subprocess
import sys

ANSI = re.compile(r"\x1b\[[0-9;]*m")
FIELD = re.compile(r'(summary|db\.statement)="((?:[^"\\]|\\.)*)"')


def statements(log_path):
    seen, out = set(), []
    for line in open(log_path, encoding="utf-8", errors="replace"):
        line = ANSI.sub("", line)
        if "sqlx::query" not in line:
            continue
        fields = dict(FIELD.findall(line))
        sql = fields.get("db.statement") or fields.get("summary") or ""
        sql = bytes(sql, "utf-8").decode("unicode_escape")
        sql = " ".join(sql.split())
        if not sql.upper().startswith("SELECT") or "sqlite_version" in sql or sql.endswith("…"):
            continue
        if sql not in seen:
            seen.add(sql)
            out.append(sql)
    return out


def plan_sqlite(db, sql):
    return subprocess.run(["sqlite3", db, "EXPLAIN QUERY PLAN " + sql],
                          capture_output=True, text=True).stdout + \
        subprocess.run(["sqlite3", db, "EXPLAIN QUERY PLAN " + sql], capture_output=True, text=True).stderr


def plan_postgres(db, sql):
    params = len(set(re.findall(r"\$(\d+)", sql)))
    args = "(" + ",".join(["NULL"] * params) + ")" if params else ""
    script = ("SET plan_cache_mode = force_generic_plan;\n"
              f"PREPARE q AS {sql};\nEXPLAIN (COSTS OFF) EXECUTE q{args};\n")
    result = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-X", "-q", "-A", "-t"],
                            input=script, capture_output=True, text=True)
    return result.stdout + result.stderr


def main():
    backend, log, db = sys.argv[1:4]
    full_scans = 0
    for sql in statements(log):
        plan = plan_sqlite(db, sql) if backend == "sqlite" else plan_postgres(db, sql)
        scan = re.search(r"SCAN (creator_\w+|deals|invoices|payouts|notifications|wellness_checkins|"
                         r"ai_prompt_history|social_account_connections|talents|users)\b(?! USING)", plan) \
            if backend == "sqlite" else re.search(r"Seq Scan on (\w+)", plan)
        flag = "FULL SCAN" if scan else "index"
        full_scans += bool(scan)
        print(f"-- [{flag}] {sql[:400]}")
        print("   " + plan.strip().replace("\n", "\n   "))
        print()
    print(f"{full_scans} statement(s) scan a table in full")


if __name__ == "__main__":
    main()
