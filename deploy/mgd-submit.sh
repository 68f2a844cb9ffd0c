#!/usr/bin/env bash
# Submits an mgd command to Spark: spark-submit with mgd.jar, --class org.mgd.driver.Main and
# deploy/conf/spark-defaults.conf.
#
#   deploy/mgd-submit.sh [SPARK-SUBMIT OPTIONS...] -- COMMAND [ARGS...]
#   deploy/mgd-submit.sh COMMAND [ARGS...]                  (no spark-submit options)
#
# e.g. deploy/mgd-submit.sh --master spark://127.0.0.1:7077 -- \
#          run deploy/examples/digits-select.yaml --out hdfs://nn:8020/runs/select
#
# Everything before `--` goes to spark-submit as it is (--master, --deploy-mode, --conf K=V,
# --executor-memory, --num-executors, --files, ...); everything after it is the mgd command line
# (`./mgd help` lists the commands). --properties-file replaces deploy/conf/spark-defaults.conf
# (and, as with any spark-submit, then $SPARK_HOME/conf/spark-defaults.conf is not read either).
#
# With SPARK_HOME set, $SPARK_HOME/bin/spark-submit does the submitting (any master, any deploy
# mode). Without it, this script runs Spark's SparkSubmit class itself from the Spark jars Maven
# resolved for this build (deploy/cluster/target/spark-home-classpath.txt: Spark core and SQL, no
# YARN or Kubernetes support, so local[...] and spark:// masters only) with the Java 17 flags
# (driver/target/jvm-flags.txt): in client mode the driver is this JVM; its heap comes from
# --driver-memory, else spark.driver.memory in the properties file; --driver-java-options are
# added to it.
#
# Environment: MGD_JAR (default driver/target/mgd.jar; a URI such as local:///opt/mgd/mgd.jar is
# passed on as it is), SPARK_HOME, HADOOP_CONF_DIR / YARN_CONF_DIR, SPARK_LOCAL_IP (defaults to 127.0.0.1 when the master is
# local[...] or on 127.0.0.1/localhost).
#
# Exit code: the mgd command's (0 done, 1 the job failed, 2 bad command line) in client mode.
# In cluster deploy mode the driver runs on a worker, in its own directory: give the spec, data
# and --out as absolute paths every node can read, or as hdfs:// URIs.
# In cluster deploy mode the exit code is spark-submit's, not the driver's: on a standalone
# master it returns once the driver is launched and exits 0 even when the driver then fails.
# Check the application's final state there (the master's web UI, or
# `spark-submit --status SUBMISSION_ID --master spark://HOST:6066`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="${MGD_JAR:-$ROOT/driver/target/mgd.jar}"
MAIN=org.mgd.driver.Main

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
}
fail() {
  echo "mgd-submit.sh: $*" >&2
  exit 2
}

# Split the command line at `--`: spark-submit options before, the mgd command after.
submit_opts=() command=() has_separator=false
for arg in "$@"; do [[ "$arg" == "--" ]] && has_separator=true && break; done
if $has_separator; then
  while [[ $# -gt 0 && "$1" != "--" ]]; do submit_opts+=("$1"); shift; done
  shift
  command=("$@")
else
  case "${1:-}" in
    "") usage >&2; exit 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) fail "spark-submit options need '--' before the mgd command, e.g. $0 --master spark://HOST:7077 -- train SPEC" ;;
  esac
  command=("$@")
fi
[[ ${#command[@]} -gt 0 ]] || fail "no mgd command after '--' (try: $0 -- help)"

# A URI (local:///opt/mgd/mgd.jar in an image, hdfs://...) is spark-submit's to resolve.
if [[ "$JAR" != *://* && ! -f "$JAR" ]]; then
  echo "mgd-submit.sh: $JAR does not exist: build it with 'mvn -DskipTests package'" \
       "(add -Pcuda for ND4J's CUDA backend), or point MGD_JAR at a built mgd.jar" >&2
  exit 1
fi

# What the options say about the master, the properties file and the driver JVM.
master="" properties="" driver_memory="" driver_java_opts=""
for ((i = 0; i < ${#submit_opts[@]}; i++)); do
  opt="${submit_opts[i]}" next="${submit_opts[i + 1]:-}"
  case "$opt" in
    --master) master="$next" ;;
    --master=*) master="${opt#*=}" ;;
    --properties-file) properties="$next" ;;
    --properties-file=*) properties="${opt#*=}" ;;
    --driver-memory) driver_memory="$next" ;;
    --driver-memory=*) driver_memory="${opt#*=}" ;;
    --driver-java-options) driver_java_opts="$next" ;;
    --driver-java-options=*) driver_java_opts="${opt#*=}" ;;
    --class|--class=*) fail "the main class is always $MAIN; leave --class out" ;;
  esac
done
if [[ -z "$properties" ]]; then
  properties="$ROOT/deploy/conf/spark-defaults.conf"
  submit_opts=(--properties-file "$properties" "${submit_opts[@]}")
fi
[[ -f "$properties" ]] || fail "properties file $properties does not exist"
conf() { # the value of a key in the properties file, if any
  awk -v key="$1" '$1 == key { $1 = ""; sub(/^[ \t=]+/, ""); v = $0 } END { if (v != "") print v }' "$properties"
}
[[ -n "$master" ]] || master="$(conf spark.master)"
case "${master:-local}" in
  local*|spark://127.0.0.1:*|spark://localhost:*) export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}" ;;
esac

# One BLAS thread in the driver too (tasks are the parallelism; see ./mgd).
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"

if [[ -n "${SPARK_HOME:-}" ]]; then
  [[ -x "$SPARK_HOME/bin/spark-submit" ]] || fail "SPARK_HOME=$SPARK_HOME has no bin/spark-submit; unset it to use the Spark jars Maven resolved"
  exec "$SPARK_HOME/bin/spark-submit" --class "$MAIN" "${submit_opts[@]}" "$JAR" "${command[@]}"
fi

case "$master" in
  yarn*|k8s://*) fail "--master $master needs a Spark installation with YARN/Kubernetes support: set SPARK_HOME" ;;
esac
classpath="$ROOT/deploy/cluster/target/spark-home-classpath.txt"
flags="$ROOT/driver/target/jvm-flags.txt"
if [[ ! -f "$classpath" || ! -f "$flags" ]]; then
  echo "mgd-submit.sh: SPARK_HOME is not set and $classpath or $flags is missing:" \
       "build them with 'mvn -DskipTests package', or set SPARK_HOME to a Spark 3.5 (Scala 2.12) installation" >&2
  exit 1
fi
command -v java >/dev/null || fail "java is not on the PATH (Java 17 is needed)"
export SPARK_SCALA_VERSION="${SPARK_SCALA_VERSION:-2.12}"
driver_memory="${driver_memory:-$(conf spark.driver.memory)}"
# As Spark's launcher does: Hadoop's and YARN's configuration directories go first on the classpath.
conf_dirs="${HADOOP_CONF_DIR:+$HADOOP_CONF_DIR:}${YARN_CONF_DIR:+$YARN_CONF_DIR:}"
# shellcheck disable=SC2046,SC2086  # the flags files are whitespace-separated lists
exec java -Xmx"${driver_memory:-2g}" $(cat "$flags") $driver_java_opts -cp "$conf_dirs$(cat "$classpath")" \
  org.apache.spark.deploy.SparkSubmit --class "$MAIN" "${submit_opts[@]}" "$JAR" "${command[@]}"
