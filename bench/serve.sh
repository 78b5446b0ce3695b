# Sourced by the HTTP benchmarks: start `parley serve` on a free loopback
# port over $PARLEY_DB, its output in DIR; sets $pid and $url, and stops
# the server when the script exits (and runs $on_exit, if set, after).
# BENCH_THREADS: its database connections, --threads (parley's default, 8, if unset).
#   serve_start PARLEY DIR
serve_start() {
	"$1" serve --listen 127.0.0.1:0 --quiet ${BENCH_THREADS:+--threads "$BENCH_THREADS"} \
		>"$2/serve.out" 2>"$2/serve.err" &
	pid=$!
	trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true; ${on_exit:-true}' EXIT
	url=
	for _ in $(seq 200); do
		url=$(sed -n 's/^parley: serving \(http[^ ]*\)\/ .*/\1/p' "$2/serve.out")
		[ -n "$url" ] && break
		sleep 0.1
	done
	[ -n "$url" ] || { cat "$2/serve.err" >&2; exit 1; }
}
