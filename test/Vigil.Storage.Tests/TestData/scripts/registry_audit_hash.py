"""Reference hashes of a two-entry registry audit chain, computed with Python's hashlib and json.

Each entry's hash is SHA-256 (lower-case hex) of the UTF-8 JSON array
[prevHash, seq, atUnixMs, actor, model, version, action, reason, before, after] written without whitespace,
the first entry's prevHash being 64 zeros (the encoding documented on Vigil.Storage.Registry.AuditChain.Hash).

System.Text.Json's Utf8JsonWriter (default encoder) writes a double quote inside a string as \\u0022 where
Python writes \\"; entry 2 has quotes in before/after, so this script applies that one substitution. No other
character of these entries is escaped by either encoder (all ASCII, no < > & ' + ` or backslash).

Run: /usr/bin/python3 scripts/registry_audit_hash.py > registry_audit_hash.json
"""
import hashlib
import json

GENESIS = "0" * 64
ENTRIES = [
    {"atUnixMs": 1709294400123, "actor": "alice", "model": "churn", "version": "v1", "action": "version_created",
     "reason": None, "before": None, "after": None},
    {"atUnixMs": 1709294460456, "actor": "bob", "model": "churn", "version": None, "action": "stage_changed",
     "reason": "release 2", "before": '{"stage":"staging"}', "after": '{"stage":"production"}'},
]


def dotnet_json(value):
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=True)
    # Inside strings only: \" -> \u0022 (the entries contain no backslashes of their own).
    return text.replace('\\"', "\\u0022")


prev = GENESIS
out = []
for seq, e in enumerate(ENTRIES, start=1):
    array = [prev, seq, e["atUnixMs"], e["actor"], e["model"], e["version"], e["action"], e["reason"], e["before"], e["after"]]
    digest = hashlib.sha256(dotnet_json(array).encode("utf-8")).hexdigest()
    out.append(dict(e, seq=seq, prevHash=prev, hash=digest))
    prev = digest

print(json.dumps({"source": "hashlib.sha256 over json.dumps(separators=(',', ':')), see scripts/registry_audit_hash.py", "entries": out}, indent=2))
