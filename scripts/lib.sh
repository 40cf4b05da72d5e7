# Shared helpers for the project's scripts (sourced, not run).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="$ROOT/.venv/bin/python"
cd "$ROOT"

say() { printf '%s\n' "$*"; }
die() { printf 'LỖI / ERROR: %s\n' "$*" >&2; exit 1; }

# set_env KEY VALUE: record a choice in .env so every later command shares it.
set_env() {
  local key="$1" value="$2" file="$ROOT/.env"
  touch "$file"
  grep -v "^${key}=" "$file" > "$file.tmp" || true
  printf '%s=%s\n' "$key" "$value" >> "$file.tmp"
  mv "$file.tmp" "$file"
}
