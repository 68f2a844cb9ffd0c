#!/usr/bin/env bash
# A real Spark standalone cluster on this machine (master + workers as separate JVMs on
# 127.0.0.1), built from the Spark jars Maven resolved for the driver: no Spark download needed.
#
#   deploy/cluster/local-cluster.sh start [--dir DIR] [--port 7077] [--workers 1] [--cores 2] [--memory 3g]
#   deploy/cluster/local-cluster.sh stop  [--dir DIR]
#
# `start` prints the master URL (spark://127.0.0.1:PORT) once every worker has registered; logs
# and pids stay in DIR (default runs/cluster). Submit to it with deploy/mgd-submit.sh or
# ./mgd ... --master spark://127.0.0.1:PORT.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
action="${1:-}"
shift || true
dir="$ROOT/runs/cluster" port=7077 workers=1 cores=2 memory=3g
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --cores) cores="$2"; shift 2 ;;
    --memory) memory="$2"; shift 2 ;;
    *) echo "local-cluster.sh: unknown option $1 (see the comment at the top of this script)" >&2; exit 2 ;;
  esac
done

stop() {
  for pidfile in "$dir"/*.pid; do
    [[ -f "$pidfile" ]] || continue
    pid="$(cat "$pidfile")"
    # Executors are the workers' children: stopping a worker's process group takes them too.
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    rm -f "$pidfile"
  done
}

case "$action" in
  stop) stop; exit 0 ;;
  start) ;;
  *) echo "usage: local-cluster.sh start|stop [--dir DIR] [--port P] [--workers N] [--cores C] [--memory M]" >&2; exit 2 ;;
esac

classpath="$ROOT/deploy/cluster/target/spark-home-classpath.txt"
flags="$ROOT/driver/target/jvm-flags.txt"
if [[ ! -f "$classpath" || ! -f "$flags" ]]; then
  echo "local-cluster.sh: $classpath is missing: build first: mvn -DskipTests package" >&2
  exit 1
fi
if ls "$dir"/*.pid >/dev/null 2>&1; then
  echo "local-cluster.sh: $dir already has a running cluster (its *.pid files); stop it first" >&2
  exit 1
fi

# A SPARK_HOME whose jars/ are links to the Maven-resolved Spark and Hadoop jars (the
# deploy/cluster module resolves exactly those, as a Spark distribution has them): the worker
# builds executor command lines from $SPARK_HOME/jars, like on any Spark installation.
home="$dir/spark-home"
rm -rf "$home"
mkdir -p "$home/jars" "$home/conf" "$dir/work"
tr ':' '\n' < "$classpath" | while read -r jar; do
  [[ "$jar" == *.jar ]] && ln -sf "$jar" "$home/jars/"
done
cp "$ROOT/deploy/conf/spark-defaults.conf" "$home/conf/"

export SPARK_HOME="$home" SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.12
export SPARK_WORKER_DIR="$dir/work" SPARK_LOG_DIR="$dir"
java_cmd=(java -Xmx512m $(cat "$flags") -cp "$home/jars/*")

launch() { # name, main class, args...
  local name="$1"; shift
  setsid "${java_cmd[@]}" "$@" >"$dir/$name.log" 2>&1 &
  echo $! >"$dir/$name.pid"
}

launch master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0
url="spark://127.0.0.1:$port"
for ((i = 1; i <= workers; i++)); do
  launch "worker-$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores "$cores" \
    --memory "$memory" --webui-port 0 --work-dir "$dir/work" "$url"
done

for ((s = 0; s < 120; s++)); do
  registered=$(cat "$dir"/worker-*.log 2>/dev/null | grep -c "Successfully registered with master" || true)
  if [[ "$registered" -ge "$workers" ]]; then
    echo "$url"
    exit 0
  fi
  for pidfile in "$dir"/*.pid; do
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "local-cluster.sh: $(basename "$pidfile" .pid) exited; see $dir/$(basename "$pidfile" .pid).log" >&2
      stop
      exit 1
    fi
  done
  sleep 0.5
done
echo "local-cluster.sh: workers did not register with $url within 60 s; see $dir/*.log" >&2
stop
exit 1
